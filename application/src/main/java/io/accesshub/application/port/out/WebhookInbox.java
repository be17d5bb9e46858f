package io.accesshub.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /** Claims the oldest due pending event for {@code lease} (database clock); empty when none is due. */
    Optional<InboxEvent> claimNext(String owner, Duration lease);

    /** The event was handled. */
    void markDone(InboxEvent event);

    /** Handling failed: retried from {@code retryAt}, or parked as dead when {@code dead}; the error is kept. */
    void markFailed(InboxEvent event, String error, Instant retryAt, boolean dead);

    /** Events in a status ({@code PENDING}, {@code DONE}, {@code DEAD}). */
    long countByStatus(String status);

    /**
     * Deletes up to {@code limit} handled events received more than {@code olderThan} ago (database clock); returns
     * how many. Keep them longer than HighLevel retries (the timestamp tolerance), or a late retry is stored again.
     */
    int purgeDone(Duration olderThan, int limit);

    /** Dead letters, oldest first: events whose handling failed too often. */
    List<DeadLetter> deadLetters(int limit);

    /** Puts a dead letter back in the queue (attempts reset); false when no dead letter has this id. */
    boolean replay(long id);

    /** A parked event with the error of its last attempt (never a token: events carry none). */
    record DeadLetter(long id, String webhookId, String type, int attempts, Instant receivedAt, String lastError) {
    }

    /** A verified webhook as received, with the fields the hub acts on and the exact body. */
    record InboundWebhook(String webhookId, String type, Optional<String> appId, Optional<Instant> timestamp,
                          String body, Instant receivedAt, WebhookSubject subject) {
        public InboundWebhook {
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(subject, "subject");
        }
    }

    /** Whom an event is about: install type, company and location (a LocationCreate's {@code id}). */
    record WebhookSubject(Optional<String> installType, Optional<String> companyId, Optional<String> locationId) {
        public WebhookSubject {
            Objects.requireNonNull(installType, "installType");
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(locationId, "locationId");
        }
    }

    /** A claimed event. */
    record InboxEvent(long id, String webhookId, String type, Optional<String> appId, Optional<Instant> timestamp,
                      Instant receivedAt, WebhookSubject subject, int attempts, String owner, String body) {
    }
}
