package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.AuditTokenReadsUseCase;
import io.accesshub.application.service.ApiKeyService;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the token-read counts and the API keys' last-use minutes gathered in memory every
 * {@code ACCESSHUB_AUDIT_FLUSH_INTERVAL} (1 s), once more on shutdown, and purges counts past their retention hourly.
 */
@Singleton
public class AccessAuditScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(AccessAuditScheduler.class);

    private final AuditTokenReadsUseCase audit;
    private final ApiKeyService keys;

    public AccessAuditScheduler(AuditTokenReadsUseCase audit, ApiKeyService keys) {
        this.audit = audit;
        this.keys = keys;
    }

    @Scheduled(fixedDelay = "${accesshub.audit.flush-interval:1s}", initialDelay = "1s")
    void flush() {
        try {
            audit.flush();
        } catch (RuntimeException e) {
            LOG.warn("Writing the token-read audit failed ({}); the counts are kept for the next flush",
                e.getClass().getSimpleName());
        }
        try {
            keys.flushUsage();
        } catch (RuntimeException e) {
            LOG.warn("Writing the API keys' last use failed ({}); it is kept for the next flush",
                e.getClass().getSimpleName());
        }
    }

    @Scheduled(fixedDelay = "${accesshub.audit.purge-interval:1h}", initialDelay = "2m")
    void purge() {
        try {
            int purged = audit.purgeExpired();
            if (purged > 0) {
                LOG.info("Purged {} token-read audit counts past retention", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging the token-read audit failed; it is tried again at the next interval", e);
        }
    }

    @PreDestroy
    void flushOnShutdown() {
        flush();
    }
}
