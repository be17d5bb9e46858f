package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationEvent;
import java.time.Duration;
import java.util.List;

/**
 * Lifecycle events stored in the same transaction as the change that caused them, then handed to listeners at least
 * once: claimed oldest first with a lease, marked delivered after every listener returned.
 */
public interface LifecycleOutbox {

    /** Claims up to {@code limit} undelivered events for {@code lease}, oldest first; each claim counts an attempt. */
    List<OutboxEntry> claim(int limit, Duration lease);

    /** Marks entries delivered. */
    void delivered(List<OutboxEntry> entries);

    /** Sets an entry aside after too many failed deliveries, with the failure's class name; it is not claimed again. */
    void park(OutboxEntry entry, String failure);

    /** Deletes up to {@code limit} delivered (not parked) events older than {@code olderThan}; returns how many. */
    int purgeDelivered(Duration olderThan, int limit);

    /** A stored event with its position in the outbox and how often it has been claimed, this claim included. */
    record OutboxEntry(long id, InstallationEvent event, int attempts) {
    }
}
