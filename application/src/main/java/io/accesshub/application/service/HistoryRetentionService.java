package io.accesshub.application.service;

import io.accesshub.application.port.in.PurgeHistoryUseCase;
import io.accesshub.application.port.out.LifecycleOutbox;
import io.accesshub.application.port.out.WebhookInbox;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Keeps the inbox and the outbox small: handled webhooks and delivered lifecycle events go after the retention,
 * deleted in batches so no statement holds many locks. Pending, dead and parked rows are never purged.
 */
public final class HistoryRetentionService implements PurgeHistoryUseCase {

    private static final int BATCH = 1_000;

    private final WebhookInbox inbox;
    private final LifecycleOutbox outbox;
    private final Duration retention;

    public HistoryRetentionService(WebhookInbox inbox, LifecycleOutbox outbox, Duration retention) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be longer than 0");
        }
        this.retention = retention;
    }

    @Override
    public long purge() {
        return drain(() -> inbox.purgeDone(retention, BATCH)) + drain(() -> outbox.purgeDelivered(retention, BATCH));
    }

    private static long drain(IntSupplier batch) {
        long total = 0;
        int deleted;
        do {
            deleted = batch.getAsInt();
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
