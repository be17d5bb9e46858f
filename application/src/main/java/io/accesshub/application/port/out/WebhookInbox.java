package io.accesshub.application.port.out;

import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.webhook.MarketplaceEvent;
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

    /** The event was handled (its body, if any, is no longer kept). */
    void markDone(InboxEvent event);

    /** Handling failed: retried from {@code retryAt}, or parked as dead when {@code dead}; the error is kept. */
    void markFailed(InboxEvent event, String error, Instant retryAt, boolean dead);

    /** Events in a status ({@code PENDING}, {@code DONE}, {@code DEAD}). */
    long countByStatus(String status);

    /**
     * Deletes up to {@code limit} handled events received more than {@code olderThan} ago (database clock), oldest
     * first; returns how many. Their {@code webhookId}s stay remembered until {@link #forgetIds}.
     */
    int purgeDone(Duration olderThan, int limit);

    /**
     * Forgets up to {@code limit} {@code webhookId}s received more than {@code olderThan} ago (database clock) whose
     * events are purged, oldest first; returns how many. Until then a redelivery of that id is a duplicate.
     */
    int forgetIds(Duration olderThan, int limit);

    /**
     * Dead letters (events whose handling failed too often), oldest first (by receipt, then id): up to {@code limit}
     * after skipping the first {@code offset}; {@link #countByStatus countByStatus("DEAD")} counts them all.
     */
    List<DeadLetter> deadLetters(long offset, int limit);

    /** Puts a dead letter back in the queue (attempts reset); false when no dead letter has this id. */
    boolean replay(long id);

    /**
     * A parked event with the error of its last attempt (never a token: events carry none); {@code otherType} is
     * HighLevel's type of an event the hub does not interpret itself.
     */
    record DeadLetter(long id, String webhookId, MarketplaceEvent.Kind kind, Optional<String> otherType, int attempts,
                      Instant receivedAt, String lastError) {
    }

    /** A verified webhook as received: its id, the configured app it is for (if any), its timestamp and the event. */
    record InboundWebhook(String webhookId, Optional<MarketplaceAppId> app, Optional<Instant> timestamp,
                          Instant receivedAt, MarketplaceEvent event) {
        public InboundWebhook {
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(event, "event");
        }
    }

    /** A claimed event ({@code attempts} counts this attempt). */
    record InboxEvent(long id, String webhookId, Optional<MarketplaceAppId> app, Optional<Instant> timestamp,
                      Instant receivedAt, MarketplaceEvent event, int attempts, String owner) {
        public InboxEvent {
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(owner, "owner");
        }
    }
}
