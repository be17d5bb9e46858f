package io.accesshub.domain.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When the hub pauses a subscription that keeps failing: once at least {@code minFailures} attempts in a row have
 * failed and the first of them is at least {@code after} old. Both are needed: a short outage of a busy subscriber
 * fails many attempts at once, and one attempt a day fails for a long time.
 */
public record AutoPause(int minFailures, Duration after) {

    /** 20 failed attempts in a row over at least 12 hours. */
    public static final AutoPause DEFAULT = new AutoPause(20, Duration.ofHours(12));

    public AutoPause {
        Objects.requireNonNull(after, "after");
        if (minFailures < 1 || after.isNegative()) {
            throw new IllegalArgumentException("auto-pause needs at least one failure and a non-negative duration");
        }
    }

    /** Whether a subscription with this streak is paused now. */
    public boolean due(FailureStreak streak, Instant now) {
        return streak.failures() >= minFailures
            && streak.since().map(since -> !since.plus(after).isAfter(now)).orElse(false);
    }
}
