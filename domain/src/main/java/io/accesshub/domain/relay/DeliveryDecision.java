package io.accesshub.domain.relay;

import java.time.Instant;

/** What happens to a delivery after an attempt: done, tried again at a time, or parked. */
public sealed interface DeliveryDecision {

    /** The delivery's state once this decision is recorded. */
    default DeliveryState stateAfter() {
        if (this instanceof Delivered) {
            return DeliveryState.DELIVERED;
        }
        return this instanceof Park ? DeliveryState.PARKED : DeliveryState.PENDING;
    }

    /** The subscriber took it. */
    record Delivered() implements DeliveryDecision {
    }

    /** Tried again at {@code at}. */
    record RetryAt(Instant at) implements DeliveryDecision {
    }

    /** Retries gave up; an operator may replay it. */
    record Park() implements DeliveryDecision {
    }

    /**
     * The decision after the {@code attempts}-th attempt (1 for the first), the first of which was made at
     * {@code firstAttemptAt}: delivered on a 2xx, else the backoff's next attempt, else parked.
     */
    static DeliveryDecision after(AttemptResult result, int attempts, Instant firstAttemptAt, Instant now,
                                  DeliveryBackoff backoff, java.util.function.DoubleSupplier jitter) {
        if (result.delivered()) {
            return new Delivered();
        }
        return backoff.nextAttempt(attempts, firstAttemptAt, now, jitter).<DeliveryDecision>map(RetryAt::new)
            .orElseGet(Park::new);
    }
}
