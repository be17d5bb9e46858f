package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.ReconcileInstallationsUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Schedules reconciliation of every active agency every {@code accesshub.reconciliation.interval} (default 1 h). */
@Singleton
@Requires(property = "accesshub.reconciliation.enabled", notEquals = "false")
public class ReconciliationScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationScheduler.class);

    private final ReconcileInstallationsUseCase reconciliation;

    public ReconciliationScheduler(ReconcileInstallationsUseCase reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Scheduled(fixedDelay = "${accesshub.reconciliation.interval:1h}",
        initialDelay = "${accesshub.reconciliation.initial-delay:2m}")
    void reconcile() {
        try {
            LOG.info("Reconciliation scheduled {} agency installations", reconciliation.reconcileAgencies());
        } catch (RuntimeException e) {
            LOG.error("Reconciliation failed; it runs again at the next interval", e);
        }
    }
}
