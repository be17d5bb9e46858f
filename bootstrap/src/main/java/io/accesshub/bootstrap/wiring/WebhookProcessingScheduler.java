package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.ProcessWebhooksUseCase;
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

    public WebhookProcessingScheduler(ProcessWebhooksUseCase processing) {
        this.processing = processing;
    }

    @Scheduled(fixedDelay = "${accesshub.webhooks.processing.interval:1s}", initialDelay = "5s")
    void drain() {
        try {
            for (int i = 0; i < MAX_EVENTS_PER_RUN && processing.processNext(); i++) {
                LOG.trace("processed one webhook");
            }
        } catch (RuntimeException e) {
            LOG.error("Webhook processing failed; it runs again at the next interval", e);
        }
    }
}
