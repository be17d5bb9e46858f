package io.accesshub.application.service;

import io.accesshub.application.port.in.ViewFleetOverviewUseCase;
import io.accesshub.application.port.out.FleetStatistics;
import io.accesshub.domain.fleet.FleetSnapshot;
import java.util.Objects;

/** Reads the fleet's counts for the operations console. */
public final class FleetOverviewService implements ViewFleetOverviewUseCase {

    private final FleetStatistics statistics;

    public FleetOverviewService(FleetStatistics statistics) {
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    @Override
    public FleetSnapshot overview() {
        return statistics.read();
    }
}
