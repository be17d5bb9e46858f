package io.accesshub.application.port.in;

import io.accesshub.application.port.out.RelayDeliveries.RelayAttempt;
import io.accesshub.domain.relay.DeliveryState;
import io.accesshub.domain.relay.RelayDelivery;
import io.accesshub.domain.relay.RelayDestination;
import io.accesshub.domain.relay.RelayFilter;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Lets operators subscribe services outside the hub to lifecycle events: create (the signing secret is shown once),
 * list, pause, resume, rotate the secret, delete, and inspect and replay deliveries.
 */
public interface ManageRelaySubscriptionsUseCase {

    /** What creating a subscription found. */
    sealed interface CreateOutcome {
        /** Created; {@code secret} is shown this once. */
        record Created(RelaySubscription subscription, String secret) implements CreateOutcome {
            @Override
            public String toString() {
                return "Created[" + subscription.id() + "]";
            }
        }

        /** The URL or the addresses it resolves to may not receive events. */
        record Refused(RelayDestination.Refusal refusal) implements CreateOutcome {
        }
    }

    /** What a secret rotation found. */
    sealed interface RotateOutcome {
        /** A new secret, shown this once, and until when the secret it replaced still signs. */
        record Rotated(RelaySubscription subscription, String secret, Instant previousValidUntil)
            implements RotateOutcome {
            @Override
            public String toString() {
                return "Rotated[" + subscription.id() + "]";
            }
        }

        /**
         * The previous rotation's overlap still runs: rotating again would drop the secret the subscriber may still
         * hold (a rotation whose answer was lost, say); repeat with force to do it anyway.
         */
        record OverlapRunning(Instant until) implements RotateOutcome {
        }

        /** No subscription has this id. */
        record NotFound() implements RotateOutcome {
        }
    }

    /** What a replay found. */
    sealed interface ReplayOutcome {
        /** Queued again, due now. */
        record Replayed(RelayDelivery delivery) implements ReplayOutcome {
        }

        /** No delivery has this id (or it was purged). */
        record NotFound() implements ReplayOutcome {
        }

        /** It is still pending: it will be tried anyway. */
        record StillPending(RelayDelivery delivery) implements ReplayOutcome {
        }
    }

    /** A subscription with how many of its deliveries are pending. */
    record SubscriptionView(RelaySubscription subscription, long pending) {
    }

    /** Subscribes {@code url} to the events the filter selects. */
    CreateOutcome create(String url, RelayFilter filter, String description);

    /** Every subscription, oldest first. */
    List<SubscriptionView> list();

    /** One subscription. */
    Optional<SubscriptionView> find(SubscriptionId id);

    /** Stops sending (events keep being queued); empty when there is no such subscription. */
    Optional<RelaySubscription> pause(SubscriptionId id);

    /** Sends again, the queued events first, in order; empty when there is no such subscription. */
    Optional<RelaySubscription> resume(SubscriptionId id);

    /**
     * A new secret; the old one keeps signing for the configured overlap. While an earlier rotation's overlap runs,
     * only with {@code force} (the secret rotated out then stops signing at once).
     */
    RotateOutcome rotateSecret(SubscriptionId id, boolean force);

    /** Deletes a subscription with its queue and log; false when there was none. */
    boolean delete(SubscriptionId id);

    /** A subscription's deliveries, newest first (optionally in one state), below {@code beforeId}. */
    List<RelayDelivery> deliveries(SubscriptionId id, Optional<DeliveryState> state, int limit,
                                   Optional<Long> beforeId);

    /** A subscription's attempts, newest first, below {@code beforeId}. */
    List<RelayAttempt> attempts(SubscriptionId id, int limit, Optional<Long> beforeId);

    /** Sends a parked (or delivered) delivery again. */
    ReplayOutcome replay(long deliveryId);
}
