package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.PurgeHistoryUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Purges handled webhooks and delivered lifecycle events past retention every hour. */
@Singleton
@Requires(property = "accesshub.retention.enabled", notEquals = "false")
public class HistoryRetentionScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRetentionScheduler.class);

    private final PurgeHistoryUseCase purge;

    public HistoryRetentionScheduler(PurgeHistoryUseCase purge) {
        this.purge = purge;
    }

    @Scheduled(fixedDelay = "${accesshub.retention.interval:1h}", initialDelay = "1m")
    void purge() {
        try {
            long deleted = purge.purge();
            if (deleted > 0) {
                LOG.info("Purged {} handled webhooks and delivered lifecycle events past retention", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging history failed; it is tried again at the next interval", e);
        }
    }
}
