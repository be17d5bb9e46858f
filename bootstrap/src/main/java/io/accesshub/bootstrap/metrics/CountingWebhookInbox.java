package io.accesshub.bootstrap.metrics;

import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.WebhookInbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The webhook inbox as the processing service sees it, counting how each handled event ended. */
public final class CountingWebhookInbox implements WebhookInbox {

    private final WebhookInbox inbox;
    private final HubMetrics metrics;

    public CountingWebhookInbox(WebhookInbox inbox, HubMetrics metrics) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void markDone(InboxEvent event) {
        inbox.markDone(event);
        metrics.webhookProcessed("processed");
    }

    @Override
    public void markFailed(InboxEvent event, String error, Instant retryAt, boolean dead) {
        inbox.markFailed(event, error, retryAt, dead);
        metrics.webhookProcessed(dead ? "dead" : "retry");
    }

    @Override
    public boolean store(InboundWebhook event) {
        return inbox.store(event);
    }

    @Override
    public long count() {
        return inbox.count();
    }

    @Override
    public Optional<InboxEvent> claimNext(String owner, Duration lease) {
        return inbox.claimNext(owner, lease);
    }

    @Override
    public long countByStatus(String status) {
        return inbox.countByStatus(status);
    }

    @Override
    public int purgeDone(Duration olderThan, int limit) {
        return inbox.purgeDone(olderThan, limit);
    }

    @Override
    public int forgetIds(Duration olderThan, int limit) {
        return inbox.forgetIds(olderThan, limit);
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return inbox.deadLetters(limit);
    }

    @Override
    public boolean replay(long id) {
        return inbox.replay(id);
    }
}
