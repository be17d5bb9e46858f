package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.PurgeConsoleAuditUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges console audit entries past {@code ACCESSHUB_CONSOLE_AUDIT_RETENTION} on the token-read audit's schedule
 * ({@code ACCESSHUB_AUDIT_PURGE_INTERVAL}, hourly).
 */
@Singleton
public class ConsoleAuditRetentionScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuditRetentionScheduler.class);

    private final PurgeConsoleAuditUseCase purge;

    public ConsoleAuditRetentionScheduler(PurgeConsoleAuditUseCase purge) {
        this.purge = purge;
    }

    @Scheduled(fixedDelay = "${accesshub.audit.purge-interval:1h}", initialDelay = "3m")
    void purge() {
        try {
            int purged = purge.purgeExpired();
            if (purged > 0) {
                LOG.info("Purged {} console audit entries past retention", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging the console audit failed; it is tried again at the next interval", e);
        }
    }
}
