package io.accesshub.application.service;

import io.accesshub.application.port.in.DispatchLifecycleEventsUseCase;
import io.accesshub.application.port.out.LifecycleEventListener;
import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.LifecycleOutbox;
import io.accesshub.application.port.out.LifecycleRelay;
import io.accesshub.application.port.out.LifecycleOutbox.OutboxEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hands each outbox event, oldest first, to every listener and marks the events delivered. When a listener throws,
 * the events before it are acknowledged, the failed event keeps its lease (which holds back every later event, so
 * order is kept) and the untried rest of the batch is released; delivery resumes from the failed event when its lease
 * ends (at-least-once: listeners must be idempotent). Only the failed event's attempts count; on its
 * {@code maxAttempts}-th failure it is parked so that one poisonous event cannot stop the stream.
 */
public final class LifecycleDispatchService implements DispatchLifecycleEventsUseCase {

    private final LifecycleOutbox outbox;
    private final List<LifecycleEventListener> listeners;
    private final int batchSize;
    private final Duration lease;
    private final int maxAttempts;
    private final HubMetrics metrics;
    private final LifecycleRelay relay;

    public LifecycleDispatchService(LifecycleOutbox outbox, List<LifecycleEventListener> listeners, int batchSize,
                                    Duration lease, int maxAttempts) {
        this(outbox, listeners, batchSize, lease, maxAttempts, HubMetrics.NOOP, LifecycleRelay.NONE);
    }

    /**
     * {@code metrics} counts listener failures; {@code relay} takes each claimed batch before any listener sees it (a
     * failure there releases the whole batch, to be claimed again).
     */
    public LifecycleDispatchService(LifecycleOutbox outbox, List<LifecycleEventListener> listeners, int batchSize,
                                    Duration lease, int maxAttempts, HubMetrics metrics, LifecycleRelay relay) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.relay = Objects.requireNonNull(relay, "relay");
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
        try {
            relay.enqueue(batch);
        } catch (RuntimeException failed) {
            metrics.lifecycleDeliveryFailed("relay");
            outbox.release(batch);
            throw failed;
        }
        List<OutboxEntry> done = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            OutboxEntry entry = batch.get(i);
            try {
                for (LifecycleEventListener listener : listeners) {
                    listener.onEvent(entry.event());
                }
            } catch (RuntimeException failed) {
                String failure = failed.getClass().getName();
                if (entry.attempts() >= maxAttempts) {
                    outbox.park(entry, failure);
                    metrics.lifecycleDeliveryFailed("parked");
                    continue;
                }
                metrics.lifecycleDeliveryFailed("retry");
                outbox.delivered(done);
                outbox.failed(entry, failure);
                outbox.release(batch.subList(i + 1, batch.size()));
                throw new ListenerFailedException(entry, failed);
            }
            done.add(entry);
        }
        outbox.delivered(done);
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
