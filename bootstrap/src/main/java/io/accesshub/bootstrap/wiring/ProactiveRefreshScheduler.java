package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.RefreshDueGrantsUseCase;
import io.accesshub.bootstrap.tracing.QueueRunSpans;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the proactive refresh every {@code accesshub.refresh.scheduler.interval} (default 30 s) on every instance. */
@Singleton
@Requires(property = "accesshub.refresh.scheduler.enabled", notEquals = "false")
public class ProactiveRefreshScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ProactiveRefreshScheduler.class);

    private final RefreshDueGrantsUseCase refreshDue;
    private final QueueRunSpans spans;

    public ProactiveRefreshScheduler(RefreshDueGrantsUseCase refreshDue, QueueRunSpans spans) {
        this.refreshDue = refreshDue;
        this.spans = spans;
    }

    @Scheduled(fixedDelay = "${accesshub.refresh.scheduler.interval:30s}",
        initialDelay = "${accesshub.refresh.scheduler.initial-delay:10s}")
    void refreshDueGrants() {
        try {
            int examined = spans.run("accesshub.refresh.due-grants", refreshDue::refreshDueGrants);
            if (examined > 0) {
                LOG.info("Proactive refresh examined {} due grants", examined);
            }
        } catch (RuntimeException e) {
            LOG.error("Proactive refresh failed; it runs again at the next interval", e);
        }
    }
}
