package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.ProcessWebhooksUseCase;
import io.accesshub.bootstrap.tracing.QueueRunSpans;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drains the webhook inbox every second on every instance (claims are leased, so instances share the work). */
@Singleton
@Requires(property = "accesshub.webhooks.processing.enabled", notEquals = "false")
public class WebhookProcessingScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookProcessingScheduler.class);
    private static final int MAX_EVENTS_PER_RUN = 500;

    private final ProcessWebhooksUseCase processing;
    private final QueueRunSpans spans;

    public WebhookProcessingScheduler(ProcessWebhooksUseCase processing, QueueRunSpans spans) {
        this.processing = processing;
        this.spans = spans;
    }

    @Scheduled(fixedDelay = "${accesshub.webhooks.processing.interval:1s}", initialDelay = "5s")
    void drain() {
        try {
            spans.run("accesshub.webhooks.drain", () -> {
                int processed = 0;
                while (processed < MAX_EVENTS_PER_RUN && processing.processNext()) {
                    processed++;
                }
                return processed;
            });
        } catch (RuntimeException e) {
            LOG.error("Webhook processing failed; it runs again at the next interval", e);
        }
    }
}
