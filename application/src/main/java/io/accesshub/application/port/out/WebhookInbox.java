package io.accesshub.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable inbox of verified HighLevel webhooks: an event is stored once per {@code webhookId} before the hub
 * answers 200 (HighLevel retries only deliveries answered 429, so a stored row is the only proof of receipt).
 */
public interface WebhookInbox {

    /** Stores the event unless its {@code webhookId} is already stored; says which. Failures propagate. */
    boolean store(InboundWebhook event);

    /** How many events are stored (any status). */
    long count();

    /** A verified webhook as received: its id, type, app, own timestamp and exact body. */
    record InboundWebhook(String webhookId, String type, Optional<String> appId, Optional<Instant> timestamp,
                          String body, Instant receivedAt) {
        public InboundWebhook {
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }
}
