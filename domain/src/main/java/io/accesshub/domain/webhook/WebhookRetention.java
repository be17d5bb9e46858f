package io.accesshub.domain.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the inbox keeps handled events ({@code events}) and how long it remembers their {@code webhookId}s
 * ({@code ids}). Ids must be remembered at least {@value #MINIMUM_ID_DAYS} days, longer than events are kept and
 * longer than the timestamp tolerance: otherwise a captured event could be replayed once its id is forgotten while
 * its timestamp still passes. A zero tolerance (check off) is refused for the same reason.
 */
public record WebhookRetention(Duration events, Duration ids, Duration timestampTolerance) {

    /** The shortest time a {@code webhookId} is remembered. */
    public static final int MINIMUM_ID_DAYS = 30;

    public WebhookRetention {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(timestampTolerance, "timestampTolerance");
        if (events.isNegative() || events.isZero()) {
            throw new IllegalArgumentException("retention must be longer than 0");
        }
        if (timestampTolerance.isNegative() || timestampTolerance.isZero()) {
            throw new IllegalArgumentException("the webhook timestamp tolerance is off (" + timestampTolerance
                + "): a captured event could be replayed once its webhookId is forgotten; set a tolerance shorter"
                + " than the webhookId retention (" + ids + ")");
        }
        if (ids.compareTo(Duration.ofDays(MINIMUM_ID_DAYS)) < 0) {
            throw new IllegalArgumentException("webhookIds must be remembered at least " + MINIMUM_ID_DAYS
                + " days, not " + ids);
        }
        if (ids.compareTo(timestampTolerance) <= 0) {
            throw new IllegalArgumentException("webhookIds must be remembered (" + ids
                + ") longer than the webhook timestamp tolerance (" + timestampTolerance + ")");
        }
        if (ids.compareTo(events) <= 0) {
            throw new IllegalArgumentException("webhookIds must be remembered (" + ids
                + ") longer than handled webhooks are kept (" + events + ")");
        }
    }
}
