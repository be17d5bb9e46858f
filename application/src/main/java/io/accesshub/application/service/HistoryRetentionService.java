package io.accesshub.application.service;

import io.accesshub.application.port.in.PurgeHistoryUseCase;
import io.accesshub.application.port.out.LifecycleOutbox;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.domain.webhook.WebhookRetention;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Keeps the inbox and the outbox small: handled webhooks and delivered lifecycle events go after the retention,
 * deleted in batches so no statement holds many locks. Pending, dead and parked rows are never purged. The
 * {@code webhookId}s of purged webhooks are remembered longer ({@link WebhookRetention#ids()}), so a replay of a
 * purged event is still recognised as a duplicate.
 */
public final class HistoryRetentionService implements PurgeHistoryUseCase {

    private static final int BATCH = 1_000;

    private final WebhookInbox inbox;
    private final LifecycleOutbox outbox;
    private final WebhookRetention retention;

    public HistoryRetentionService(WebhookInbox inbox, LifecycleOutbox outbox, WebhookRetention retention) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    @Override
    public long purge() {
        Duration events = retention.events();
        return drain(() -> inbox.purgeDone(events, BATCH)) + drain(() -> outbox.purgeDelivered(events, BATCH))
            + drain(() -> inbox.forgetIds(retention.ids(), BATCH));
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
