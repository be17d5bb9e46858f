package io.accesshub.adapter.ghl;

import io.accesshub.domain.budget.RateLimitSignal;
import io.micronaut.http.HttpHeaders;
import java.time.Duration;
import java.util.OptionalLong;

/** Reads HighLevel's budget headers ({@code X-RateLimit-*}, {@code Retry-After}) off an answer. */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /** HighLevel's budget headers as the domain reads them; a header that is missing or not a number is absent. */
    public static RateLimitSignal signal(int status, HttpHeaders headers) {
        return new RateLimitSignal(status == 429,
            headers.get("Retry-After", Long.class).filter(s -> s > 0).map(Duration::ofSeconds),
            number(headers, "X-RateLimit-Max"), number(headers, "X-RateLimit-Remaining"),
            number(headers, "X-RateLimit-Limit-Daily"), number(headers, "X-RateLimit-Daily-Remaining"),
            headers.get("X-RateLimit-Interval-Milliseconds", Long.class).filter(m -> m > 0).map(Duration::ofMillis));
    }

    private static OptionalLong number(HttpHeaders headers, String name) {
        return headers.get(name, Long.class).filter(v -> v >= 0).map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
