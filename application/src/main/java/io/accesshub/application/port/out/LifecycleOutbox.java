package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationEvent;
import java.time.Duration;
import java.util.List;

/**
 * Lifecycle events stored in the same transaction as the change that caused them, then handed to listeners at least
 * once: claimed oldest first with a lease, marked delivered after every listener returned.
 */
public interface LifecycleOutbox {

    /**
     * Claims up to {@code limit} undelivered events for {@code lease}, oldest first. Nothing is claimed while an
     * undelivered event is still leased (a batch in delivery, or a failed event waiting out its lease), so events are
     * handed out in order.
     */
    List<OutboxEntry> claim(int limit, Duration lease);

    /** Marks entries delivered. */
    void delivered(List<OutboxEntry> entries);

    /** A listener failed on this entry: counts the attempt and keeps the entry leased until its lease ends. */
    void failed(OutboxEntry entry, String failure);

    /** Gives entries back unleased (they were claimed but not tried). */
    void release(List<OutboxEntry> entries);

    /** Sets an entry aside after too many failed deliveries, with the failure's class name; it is not claimed again. */
    void park(OutboxEntry entry, String failure);

    /** Deletes up to {@code limit} delivered (not parked) events older than {@code olderThan}; returns how many. */
    int purgeDelivered(Duration olderThan, int limit);

    /** A stored event with its position in the outbox and which delivery attempt this is (1 for the first). */
    record OutboxEntry(long id, InstallationEvent event, int attempts) {
    }
}
