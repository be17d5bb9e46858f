package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a grant whose refresh failed (degraded or suspended) waits before the next proactive try: {@code base}
 * doubled per consecutive failure, capped at {@code max}, plus up to 20 % jitter so that a fleet that failed together
 * does not retry together.
 */
public record RefreshBackoff(Duration base, Duration max) {

    /** 30 s doubling up to 15 min. */
    public static final RefreshBackoff DEFAULT = new RefreshBackoff(Duration.ofSeconds(30), Duration.ofMinutes(15));

    public RefreshBackoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        DomainException.require(!base.isNegative() && !base.isZero(), "backoff base must be positive");
        DomainException.require(max.compareTo(base) >= 0, "backoff maximum must not be below the base");
    }

    /**
     * The wait after the {@code failures}-th consecutive failure (1 for the first).
     *
     * @param jitter a random number in [0, 1)
     */
    public Duration after(int failures, double jitter) {
        DomainException.require(failures >= 1, "backoff is for at least one failure");
        DomainException.require(jitter >= 0 && jitter < 1, "jitter must be in [0, 1)");
        int doublings = Math.min(failures - 1, 20);
        Duration grown = base.multipliedBy(1L << doublings);
        Duration capped = grown.compareTo(max) > 0 ? max : grown;
        return capped.plusMillis((long) (capped.toMillis() * 0.2 * jitter));
    }
}
