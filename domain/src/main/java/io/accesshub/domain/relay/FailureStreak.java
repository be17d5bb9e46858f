package io.accesshub.domain.relay;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The failed delivery attempts to a subscription since its last successful one: how many, and when the first of
 * them was made (empty while nothing has failed since the last success).
 */
public record FailureStreak(int failures, Optional<Instant> since) {

    /** No failure since the last success. */
    public static final FailureStreak NONE = new FailureStreak(0, Optional.empty());

    public FailureStreak {
        Objects.requireNonNull(since, "since");
        if (failures < 0 || failures == 0 != since.isEmpty()) {
            throw new IllegalArgumentException("a streak has a start exactly when it has failures");
        }
    }

    /** The streak after one more failed attempt at {@code now}. */
    public FailureStreak afterFailure(Instant now) {
        return new FailureStreak(failures + 1, Optional.of(since.orElse(now)));
    }
}
