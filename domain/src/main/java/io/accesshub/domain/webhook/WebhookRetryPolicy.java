package io.accesshub.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a webhook that could not be handled is tried again: after 30 s · 2ⁿ (n = attempts so far, capped at 2¹⁰),
 * and not at all after the 8th attempt, when it becomes a dead letter.
 */
public final class WebhookRetryPolicy {

    /** Attempts after which an event is parked as dead. */
    public static final int MAX_ATTEMPTS = 8;
    private static final Duration BASE = Duration.ofSeconds(30);

    private WebhookRetryPolicy() {
    }

    /** The next step for an event whose {@code attempts}-th attempt (1-based) failed for {@code reason} at {@code now}. */
    public static WebhookOutcome afterFailure(int attempts, String reason, Instant now) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(now, "now");
        if (attempts >= MAX_ATTEMPTS) {
            return new WebhookOutcome.Dead(reason);
        }
        return new WebhookOutcome.RetryLater(now.plus(BASE.multipliedBy(1L << Math.min(Math.max(attempts, 0), 10))),
            reason);
    }
}
