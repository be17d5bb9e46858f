package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.RetryUninstallsUseCase;
import io.accesshub.bootstrap.tracing.QueueRunSpans;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Retries developer uninstalls HighLevel has not confirmed yet, on every instance, while any is due. */
@Singleton
@Requires(property = "accesshub.uninstall.scheduler.enabled", notEquals = "false")
public class DeveloperUninstallScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(DeveloperUninstallScheduler.class);
    private static final int MAX_PER_RUN = 100;

    private final RetryUninstallsUseCase retries;
    private final QueueRunSpans spans;

    public DeveloperUninstallScheduler(RetryUninstallsUseCase retries, QueueRunSpans spans) {
        this.retries = retries;
        this.spans = spans;
    }

    @Scheduled(fixedDelay = "${accesshub.uninstall.scheduler.interval:15s}",
        initialDelay = "${accesshub.uninstall.scheduler.initial-delay:15s}")
    void retry() {
        try {
            int tried = spans.run("accesshub.uninstall.retries", () -> {
                int count = 0;
                while (count < MAX_PER_RUN && retries.retryNext()) {
                    count++;
                }
                return count;
            });
            if (tried > 0) {
                LOG.info("Retried {} developer uninstalls", tried);
            }
        } catch (RuntimeException e) {
            LOG.error("Retrying developer uninstalls failed; it runs again at the next interval", e);
        }
    }
}
