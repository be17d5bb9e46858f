package io.accesshub.application.service;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.ReconcileInstallationsUseCase;
import io.accesshub.application.port.out.InstallationFilter;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.LocationProvisioningQueue;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.UserType;
import java.time.Clock;
import java.util.Objects;

/**
 * Re-enqueues provisioning for every active (or degraded) agency installation. The provisioning queue is keyed by
 * installation, so instances that reconcile at the same time schedule each agency once; provisioning skips locations
 * that already hold a grant, so reconciliation only mints what is missing.
 */
public final class ReconciliationService implements ReconcileInstallationsUseCase {

    private final InstallationRepository installations;
    private final LocationProvisioningQueue provisioning;
    private final Clock clock;

    public ReconciliationService(InstallationRepository installations, LocationProvisioningQueue provisioning,
                                 Clock clock) {
        this.installations = Objects.requireNonNull(installations, "installations");
        this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int reconcileAgencies() {
        int scheduled = 0;
        for (InstallationStatus status : new InstallationStatus[] {InstallationStatus.ACTIVE,
            InstallationStatus.DEGRADED}) {
            InstallationFilter filter = InstallationFilter.all().withUserType(UserType.COMPANY).withStatus(status);
            PageRequest request = new PageRequest(0, 200);
            while (true) {
                Page<Installation> page = installations.list(filter, request);
                for (Installation agency : page.items()) {
                    provisioning.enqueue(agency.id(), clock.instant());
                    scheduled++;
                }
                if (!page.hasNext()) {
                    break;
                }
                request = request.next();
            }
        }
        return scheduled;
    }
}
