package io.accesshub.application.port.out;

import io.accesshub.application.port.out.LifecycleOutbox.OutboxEntry;
import java.util.List;

/**
 * Takes lifecycle outbox events for delivery to services outside the hub before the dispatcher acknowledges them, so
 * that an event is relayed exactly when it was committed; must be idempotent (an event can be handed over again).
 */
public interface LifecycleRelay {

    /** A relay that takes nothing. */
    LifecycleRelay NONE = entries -> { };

    /** Queues the entries for every subscription that receives them. */
    void enqueue(List<OutboxEntry> entries);
}
