package io.accesshub.domain.uninstall;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a developer uninstall waits after a failed attempt: 30 s · 2ⁿ⁻¹ for the n-th failure, at most one hour,
 * and never less than HighLevel's {@code Retry-After} when it sent one (also capped at one hour). It gives up only on
 * failures that need someone to act, after {@link #PARK_AFTER} attempts: the request is parked, still visible on the
 * installation, until the developer repeats it.
 */
public final class UninstallBackoff {

    /** The wait after the first failure. */
    public static final Duration BASE = Duration.ofSeconds(30);
    /** The longest wait. */
    public static final Duration MAX = Duration.ofHours(1);
    /**
     * After this many attempts, a request whose last failure {@link UninstallFailure#needsAction() needs action} is
     * parked: tried no more until the developer repeats it.
     */
    public static final int PARK_AFTER = 5;

    private UninstallBackoff() {
    }

    /** The wait after the {@code failures}-th failed attempt (1-based). */
    public static Duration after(int failures, Optional<Duration> retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        Duration exponential = BASE.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 10));
        Duration wait = retryAfter.filter(r -> r.compareTo(exponential) > 0).orElse(exponential);
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
