package io.accesshub.domain.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff from {@code first}, capped at {@code longest}, with
 * jitter (each wait drawn between half and all of the nominal wait, so subscribers coming back from an outage are not
 * hit by every retry at once); once {@code giveUpAfter} has passed since the first attempt the delivery is parked
 * instead (about a day by default).
 */
public record DeliveryBackoff(Duration first, Duration longest, Duration giveUpAfter) {

    /** 10 s doubling to at most an hour, parked after 24 hours. */
    public static final DeliveryBackoff DEFAULT = new DeliveryBackoff(Duration.ofSeconds(10), Duration.ofHours(1),
        Duration.ofHours(24));

    public DeliveryBackoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(longest, "longest");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || giveUpAfter.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= longest and first <= giveUpAfter");
        }
    }

    /**
     * When to try again after the {@code attempts}-th failed attempt (1 for the first), or empty to park: the next
     * attempt would come after {@code giveUpAfter} from {@code firstAttemptAt}.
     *
     * @param jitter a random number in [0, 1] (1 waits the whole nominal wait)
     */
    public Optional<Instant> nextAttempt(int attempts, Instant firstAttemptAt, Instant now, DoubleSupplier jitter) {
        if (attempts < 1) {
            throw new IllegalArgumentException("a retry follows at least one attempt");
        }
        long nominalMillis = first.toMillis();
        for (int i = 1; i < attempts && nominalMillis < longest.toMillis(); i++) {
            nominalMillis *= 2;
        }
        nominalMillis = Math.min(nominalMillis, longest.toMillis());
        double factor = 0.5 + 0.5 * Math.min(Math.max(jitter.getAsDouble(), 0.0), 1.0);
        Instant next = now.plusMillis(Math.max(1, Math.round(nominalMillis * factor)));
        return next.isAfter(firstAttemptAt.plus(giveUpAfter)) ? Optional.empty() : Optional.of(next);
    }
}
