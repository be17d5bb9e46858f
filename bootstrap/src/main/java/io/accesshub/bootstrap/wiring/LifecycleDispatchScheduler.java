package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.DispatchLifecycleEventsUseCase;
import io.accesshub.bootstrap.tracing.QueueRunSpans;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers the lifecycle outbox to listeners every {@code accesshub.lifecycle.dispatch.interval} (default 1 s). */
@Singleton
@Requires(property = "accesshub.lifecycle.dispatch.enabled", notEquals = "false")
public class LifecycleDispatchScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleDispatchScheduler.class);

    private final DispatchLifecycleEventsUseCase dispatch;
    private final QueueRunSpans spans;

    public LifecycleDispatchScheduler(DispatchLifecycleEventsUseCase dispatch, QueueRunSpans spans) {
        this.dispatch = dispatch;
        this.spans = spans;
    }

    @Scheduled(fixedDelay = "${accesshub.lifecycle.dispatch.interval:1s}", initialDelay = "5s")
    void dispatch() {
        try {
            spans.run("accesshub.lifecycle.dispatch", () -> {
                int dispatched = 0;
                for (int batch = dispatch.dispatchBatch(); batch > 0; batch = dispatch.dispatchBatch()) {
                    dispatched += batch;
                }
                return dispatched;
            });
        } catch (RuntimeException e) {
            LOG.warn("Lifecycle dispatch stopped for now", e);
        }
    }
}
