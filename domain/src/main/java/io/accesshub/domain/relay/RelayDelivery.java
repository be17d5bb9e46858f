package io.accesshub.domain.relay;

import io.accesshub.domain.installation.InstallationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * One event on its way to one subscription: the body as rendered when the event was queued (signed afresh on every
 * attempt), where it stands, and its attempts so far. Deliveries of one installation to one subscription are sent
 * one at a time, oldest first; a parked one no longer holds back the later ones.
 */
public record RelayDelivery(long id, SubscriptionId subscriptionId, long sequence, InstallationId installationId,
                            RelayEventType type, String webhookId, String body, DeliveryState state, int attempts,
                            Optional<Instant> firstAttemptAt, Instant nextAttemptAt, Instant createdAt) {

    public RelayDelivery {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(installationId, "installationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempts < 0 || attempts > 0 == firstAttemptAt.isEmpty()) {
            throw new IllegalArgumentException("a delivery has a first attempt time exactly when it was attempted");
        }
    }

    /**
     * What follows an attempt made at {@code now} (this delivery's {@code attempts + 1}-th): delivered on a 2xx, else
     * the backoff's next attempt, else parked once the backoff gives up.
     */
    public DeliveryDecision decide(AttemptResult result, Instant now, DeliveryBackoff backoff, DoubleSupplier jitter) {
        return DeliveryDecision.after(result, attempts + 1, firstAttemptAt.orElse(now), now, backoff, jitter);
    }

    /** Whether an operator may send it again: only a parked or delivered one (a pending one is on its way). */
    public boolean replayable() {
        return state != DeliveryState.PENDING;
    }
}
