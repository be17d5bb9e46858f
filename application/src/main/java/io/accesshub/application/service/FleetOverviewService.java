package io.accesshub.application.service;

import io.accesshub.application.port.in.ViewFleetOverviewUseCase;
import io.accesshub.application.port.in.ViewInstallationHistoryUseCase;
import io.accesshub.application.port.out.FleetStatistics;
import io.accesshub.application.port.out.LifecycleHistory;
import io.accesshub.domain.fleet.FleetSnapshot;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationId;
import java.util.List;
import java.util.Objects;

/** What the operations console reads besides installations: the fleet's counts and an installation's history. */
public final class FleetOverviewService implements ViewFleetOverviewUseCase, ViewInstallationHistoryUseCase {

    private final FleetStatistics statistics;
    private final LifecycleHistory history;

    public FleetOverviewService(FleetStatistics statistics, LifecycleHistory history) {
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.history = Objects.requireNonNull(history, "history");
    }

    @Override
    public FleetSnapshot overview() {
        return statistics.read();
    }

    @Override
    public List<InstallationEvent> history(InstallationId installation, int limit) {
        Objects.requireNonNull(installation, "installation");
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100");
        }
        return history.recent(installation, limit);
    }
}
