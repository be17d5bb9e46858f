package io.accesshub.application.service;

import io.accesshub.application.port.in.DispatchLifecycleEventsUseCase;
import io.accesshub.application.port.out.LifecycleEventListener;
import io.accesshub.application.port.out.LifecycleOutbox;
import io.accesshub.application.port.out.LifecycleOutbox.OutboxEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hands each outbox event, oldest first, to every listener and marks the events delivered. When a listener throws,
 * the events before it are acknowledged and the failed event and the rest of the batch stay leased, so they are
 * claimed again, in order, once the lease ends (at-least-once delivery: listeners must be idempotent). An event that
 * failed {@code maxAttempts} times is parked so that one poisonous event cannot stop the stream.
 */
public final class LifecycleDispatchService implements DispatchLifecycleEventsUseCase {

    private final LifecycleOutbox outbox;
    private final List<LifecycleEventListener> listeners;
    private final int batchSize;
    private final Duration lease;
    private final int maxAttempts;

    public LifecycleDispatchService(LifecycleOutbox outbox, List<LifecycleEventListener> listeners, int batchSize,
                                    Duration lease, int maxAttempts) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.listeners = List.copyOf(listeners);
        if (batchSize < 1 || maxAttempts < 1 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("batch size and max attempts must be positive, the lease longer than 0");
        }
        this.batchSize = batchSize;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public int dispatchBatch() {
        List<OutboxEntry> batch = outbox.claim(batchSize, lease);
        List<OutboxEntry> done = new ArrayList<>(batch.size());
        try {
            for (OutboxEntry entry : batch) {
                try {
                    for (LifecycleEventListener listener : listeners) {
                        listener.onEvent(entry.event());
                    }
                } catch (RuntimeException failed) {
                    if (entry.attempts() < maxAttempts) {
                        throw new ListenerFailedException(entry, failed);
                    }
                    outbox.park(entry, failed.getClass().getName());
                    continue;
                }
                done.add(entry);
            }
        } finally {
            outbox.delivered(done);
        }
        return batch.size();
    }

    /** A listener failed on an event; it and the events after it are delivered again after their lease. */
    public static final class ListenerFailedException extends RuntimeException {

        ListenerFailedException(OutboxEntry entry, RuntimeException cause) {
            super("A lifecycle listener failed on outbox event " + entry.id() + " (" + entry.event().type()
                + ", attempt " + entry.attempts() + "); it is delivered again after its lease", cause);
        }
    }
}
