package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How many re-validations reports of a rejected token may start for one grant: at most {@code perWindow} in any
 * sliding {@code window}, so that reports cannot drive a storm of refreshes. Reports of a token that is no longer the
 * current one start nothing and are not counted.
 *
 * @param perWindow at most this many re-validations …
 * @param window    … in any window of this length
 */
public record RejectionReportLimit(int perWindow, Duration window) {

    /** Six re-validations per grant and minute. */
    public static final RejectionReportLimit DEFAULT = new RejectionReportLimit(6, Duration.ofMinutes(1));

    public RejectionReportLimit {
        Objects.requireNonNull(window, "window");
        DomainException.require(perWindow >= 1, "at least one re-validation per window must be allowed");
        DomainException.require(!window.isNegative() && !window.isZero(), "the window must be positive");
    }

    /** Whether a re-validation may start now, or how long until one may. */
    public sealed interface Decision {
        /** Start it (and count it). */
        record Admitted() implements Decision {
        }

        /** Refuse it; the oldest counted one leaves the window after {@code retryAfter}. */
        record Refused(Duration retryAfter) implements Decision {
            public Refused {
                Objects.requireNonNull(retryAfter, "retryAfter");
            }
        }
    }

    /**
     * Decides on a new re-validation at {@code now}, given when the earlier ones for the same grant started (oldest
     * first; starts before the window are ignored).
     */
    public Decision decide(List<Instant> earlierStarts, Instant now) {
        Objects.requireNonNull(earlierStarts, "earlierStarts");
        Objects.requireNonNull(now, "now");
        Instant windowStart = now.minus(window);
        List<Instant> inWindow = earlierStarts.stream().filter(start -> start.isAfter(windowStart)).sorted().toList();
        if (inWindow.size() < perWindow) {
            return new Decision.Admitted();
        }
        Instant frees = inWindow.get(inWindow.size() - perWindow).plus(window);
        return new Decision.Refused(Duration.between(now, frees));
    }
}
