package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.PurgeInstallStatesUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges install states an hour after they expired, in batches by the expiry index, every ten minutes: abandoned
 * install links (and a flood of them) do not pile up. Every instance may run it; the deletes are idempotent.
 */
@Singleton
@Requires(property = "accesshub.install.state-purge.enabled", notEquals = "false")
public class InstallStatePurgeScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(InstallStatePurgeScheduler.class);

    private final PurgeInstallStatesUseCase purge;

    public InstallStatePurgeScheduler(PurgeInstallStatesUseCase purge) {
        this.purge = purge;
    }

    @Scheduled(fixedDelay = "${accesshub.install.state-purge.interval:10m}", initialDelay = "1m")
    void purge() {
        try {
            long deleted = purge.purgeExpiredStates();
            if (deleted > 0) {
                LOG.info("Purged {} expired install states", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging expired install states failed; it is tried again at the next interval", e);
        }
    }
}
