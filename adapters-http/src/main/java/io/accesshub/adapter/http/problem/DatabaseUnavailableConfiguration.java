package io.accesshub.adapter.http.problem;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * What the hub tells callers while its database is unavailable ({@code accesshub.database.*}): the
 * {@code Retry-After} of the {@code service_unavailable} answer.
 */
@ConfigurationProperties("accesshub.database")
public class DatabaseUnavailableConfiguration {

    private Duration unavailableRetryAfter = Duration.ofSeconds(5);

    /** How long callers should wait before retrying while the database is unavailable (default 5 s). */
    public Duration getUnavailableRetryAfter() {
        return unavailableRetryAfter;
    }

    public void setUnavailableRetryAfter(Duration unavailableRetryAfter) {
        if (unavailableRetryAfter == null || unavailableRetryAfter.isNegative()) {
            throw new IllegalArgumentException("accesshub.database.unavailable-retry-after must not be negative");
        }
        this.unavailableRetryAfter = unavailableRetryAfter;
    }

    /** The {@code Retry-After} value: the duration rounded up to whole seconds, at least 1. */
    public long retryAfterSeconds() {
        long seconds = unavailableRetryAfter.getSeconds() + (unavailableRetryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
