package io.accesshub.application.port.out;

import io.accesshub.domain.relay.AttemptResult;
import io.accesshub.domain.relay.DeliveryDecision;
import io.accesshub.domain.relay.DeliveryState;
import io.accesshub.domain.relay.RelayDelivery;
import io.accesshub.domain.relay.RelayEventType;
import io.accesshub.domain.relay.RelayMessage;
import io.accesshub.domain.relay.SubscriptionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The relay's delivery queue and attempt log: one delivery per event and subscription, claimed under a lease, oldest
 * first per installation, with every attempt recorded.
 */
public interface RelayDeliveries {

    /**
     * Queues each message for its subscriptions, due at {@code now}. Idempotent: a message already queued for a
     * subscription (same sequence) is not queued twice, so an outbox event handed over again adds nothing.
     */
    void enqueue(List<QueuedMessage> messages, Instant now);

    /**
     * Claims for {@code owner} up to {@code limit} pending deliveries of an active subscription that are due at
     * {@code now} and not leased, each the oldest pending delivery of its installation to that subscription, oldest
     * due first; each is leased for {@code lease}.
     */
    List<RelayDelivery> claimDue(SubscriptionId subscription, int limit, String owner, Duration lease, Instant now);

    /**
     * The active subscriptions with at least one pending, unleased delivery due at {@code now}, oldest first: the only
     * ones a delivery pass needs to visit (idle, paused and busy subscriptions cost it nothing).
     */
    List<SubscriptionId> dueSubscriptions(Instant now);

    /**
     * Records an attempt made at {@code attemptedAt} and applies the decision, if {@code owner} still holds the
     * delivery's lease; returns false (and records nothing) otherwise.
     */
    boolean record(RelayDelivery delivery, String owner, Instant attemptedAt, AttemptResult result,
                   DeliveryDecision decision);

    /** The delivery with this id, if it is still kept. */
    Optional<RelayDelivery> find(long deliveryId);

    /** A subscription's deliveries, newest first, optionally in one state, with ids below {@code beforeId}. */
    List<RelayDelivery> deliveries(SubscriptionId subscription, Optional<DeliveryState> state, int limit,
                                   Optional<Long> beforeId);

    /** A subscription's attempts, newest first, with ids below {@code beforeId}. */
    List<RelayAttempt> attempts(SubscriptionId subscription, int limit, Optional<Long> beforeId);

    /**
     * Makes a parked or delivered delivery pending again, due at {@code now}, with its attempts starting over;
     * returns it as stored, empty when it is pending (or gone).
     */
    Optional<RelayDelivery> replay(long deliveryId, Instant now);

    /**
     * Makes every pending delivery of a subscription due at {@code now} (at the latest) with its retry horizon
     * starting over at {@code now}: what a resume does, so that a pause neither delays the waiting events further
     * nor counts against their retry horizon.
     */
    void restartRetries(SubscriptionId subscription, Instant now);

    /** How many deliveries of a subscription are pending. */
    long pendingCount(SubscriptionId subscription);

    /**
     * Deletes up to {@code limit} attempts made before {@code before} and delivered or parked deliveries created
     * before it (pending ones are kept); returns how many rows went.
     */
    int purge(Instant before, int limit);

    /** A message and the subscriptions it goes to; {@code body} is its rendered JSON. */
    record QueuedMessage(RelayMessage message, String body, List<SubscriptionId> subscriptions) {
        public QueuedMessage {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(body, "body");
            subscriptions = List.copyOf(subscriptions);
        }
    }

    /** One logged attempt: when, what it got, how long it took, and the state the delivery was left in. */
    record RelayAttempt(long id, long deliveryId, SubscriptionId subscriptionId, String webhookId,
                        RelayEventType type, long sequence, Instant attemptedAt, AttemptResult result,
                        DeliveryState stateAfter) {
        public RelayAttempt {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(attemptedAt, "attemptedAt");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(stateAfter, "stateAfter");
        }
    }
}
