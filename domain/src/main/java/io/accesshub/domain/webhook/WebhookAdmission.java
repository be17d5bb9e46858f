package io.accesshub.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a verified event is fresh enough to take in: an install or uninstall must carry a timestamp (unless that
 * requirement is switched off), and any timestamp must lie within the tolerance of now (a zero tolerance switches
 * that check off). Without the first rule a stripped-down UNINSTALL could be replayed once its id is forgotten.
 */
public record WebhookAdmission(Duration tolerance, boolean lifecycleSignalsNeedTimestamp) {

    /** What the rule says about one event. */
    public enum Verdict {
        /** Take it in. */
        ADMITTED,
        /** An install or uninstall without a timestamp. */
        MISSING_TIMESTAMP,
        /** Its timestamp is further from now than the tolerance. */
        OUTSIDE_TOLERANCE
    }

    public WebhookAdmission {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("the timestamp tolerance must not be negative");
        }
    }

    /** Judges an event stamped {@code timestamp} (if at all) that arrives at {@code now}. */
    public Verdict judge(MarketplaceEvent event, Optional<Instant> timestamp, Instant now) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(now, "now");
        if (timestamp.isEmpty()) {
            return lifecycleSignalsNeedTimestamp && event.isLifecycleSignal() ? Verdict.MISSING_TIMESTAMP
                : Verdict.ADMITTED;
        }
        if (!tolerance.isZero() && Duration.between(timestamp.get(), now).abs().compareTo(tolerance) > 0) {
            return Verdict.OUTSIDE_TOLERANCE;
        }
        return Verdict.ADMITTED;
    }
}
