package io.accesshub.application.port.in;

import io.accesshub.domain.fleet.FleetSnapshot;

/** The fleet at a glance for operators: installations by status, refresh health, webhook and provisioning queues. */
public interface ViewFleetOverviewUseCase {

    /** The fleet now (a few counting queries on the shared database; nothing cached). */
    FleetSnapshot overview();
}
