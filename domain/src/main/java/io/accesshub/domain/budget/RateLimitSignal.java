package io.accesshub.domain.budget;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What HighLevel said about a budget on one answer: a 429, {@code Retry-After} and the {@code X-RateLimit-*} figures
 * (each optional, since HighLevel does not always send them).
 */
public record RateLimitSignal(boolean tooManyRequests, Optional<Duration> retryAfter, OptionalLong max,
                              OptionalLong remaining, OptionalLong dailyLimit, OptionalLong dailyRemaining,
                              Optional<Duration> interval) {

    /** Without {@code X-RateLimit-Interval-Milliseconds}. */
    public RateLimitSignal(boolean tooManyRequests, Optional<Duration> retryAfter, OptionalLong max,
                           OptionalLong remaining, OptionalLong dailyLimit, OptionalLong dailyRemaining) {
        this(tooManyRequests, retryAfter, max, remaining, dailyLimit, dailyRemaining, Optional.empty());
    }

    /** Whether HighLevel refused the call or said no calls remain in its window: the budget pauses either way. */
    public boolean asksToPause() {
        return tooManyRequests || remaining.isPresent() && remaining.getAsLong() <= 0;
    }

    /** An answer that said nothing about the budget. */
    public static RateLimitSignal none() {
        return new RateLimitSignal(false, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
    }
}
