package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.ProvisionLocationsUseCase;
import io.accesshub.bootstrap.tracing.QueueRunSpans;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Works the location-provisioning queue every few seconds on every instance, page after page while work is due. */
@Singleton
@Requires(property = "accesshub.provisioning.scheduler.enabled", notEquals = "false")
public class LocationProvisioningScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(LocationProvisioningScheduler.class);
    private static final int MAX_PAGES_PER_RUN = 100;

    private final ProvisionLocationsUseCase provisioning;
    private final QueueRunSpans spans;

    public LocationProvisioningScheduler(ProvisionLocationsUseCase provisioning, QueueRunSpans spans) {
        this.provisioning = provisioning;
        this.spans = spans;
    }

    @Scheduled(fixedDelay = "${accesshub.provisioning.scheduler.interval:5s}",
        initialDelay = "${accesshub.provisioning.scheduler.initial-delay:5s}")
    void provision() {
        try {
            spans.run("accesshub.provisioning.pages", () -> {
                int pages = 0;
                while (pages < MAX_PAGES_PER_RUN && provisioning.provisionNextPage()) {
                    pages++;
                    LOG.debug("Provisioned one page of location tokens");
                }
                return pages;
            });
        } catch (RuntimeException e) {
            LOG.error("Location provisioning failed; it runs again at the next interval", e);
        }
    }
}
