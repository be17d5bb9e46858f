package io.accesshub.bootstrap.metrics;

import io.accesshub.application.port.in.ReceiveWebhookUseCase;
import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.WebhookInbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts webhooks on their way through the hub: the wiring wraps the intake service in {@link #intake} (each result:
 * {@code accesshub_webhooks_received_total}) and the processing service's inbox in {@link #inbox} (how each handled
 * event ended: {@code accesshub_webhooks_processed_total}). Both only count; every call goes on unchanged.
 */
public final class WebhookMetering {

    private final HubMetrics metrics;

    public WebhookMetering(HubMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Takes webhooks in through {@code intake} and counts each result ({@code accepted}, {@code duplicate}, ...). */
    public ReceiveWebhookUseCase intake(ReceiveWebhookUseCase intake) {
        return new MeteredIntake(Objects.requireNonNull(intake, "intake"), metrics);
    }

    /** {@code inbox} as the processing service sees it, counting how each handled event ended. */
    public WebhookInbox inbox(WebhookInbox inbox) {
        return new CountingInbox(Objects.requireNonNull(inbox, "inbox"), metrics);
    }

    /** The label value of a result: a bounded set, documented in docs/operations.md. */
    static String outcome(ReceiveWebhookUseCase.ReceiveResult result) {
        return switch (result) {
            case STORED -> "accepted";
            case DUPLICATE -> "duplicate";
            case REFUSED -> "refused";
            case MISSING_TIMESTAMP -> "refused_missing_timestamp";
            case DROPPED -> "dropped_unknown_app";
            case UNKNOWN_APP -> "refused_unknown_app_url";
            case APP_MISMATCH -> "refused_app_mismatch";
        };
    }

    private record MeteredIntake(ReceiveWebhookUseCase intake, HubMetrics metrics) implements ReceiveWebhookUseCase {

        @Override
        public ReceiveResult receive(ReceivedWebhook webhook) {
            return counted(intake.receive(webhook));
        }

        @Override
        public ReceiveResult receiveForApp(String appName, ReceivedWebhook webhook) {
            return counted(intake.receiveForApp(appName, webhook));
        }

        private ReceiveResult counted(ReceiveResult result) {
            metrics.webhookIntake(outcome(result));
            return result;
        }
    }

    private record CountingInbox(WebhookInbox inbox, HubMetrics metrics) implements WebhookInbox {

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
        public List<DeadLetter> deadLetters(long offset, int limit) {
            return inbox.deadLetters(offset, limit);
        }

        @Override
        public boolean replay(long id) {
            return inbox.replay(id);
        }
    }
}
