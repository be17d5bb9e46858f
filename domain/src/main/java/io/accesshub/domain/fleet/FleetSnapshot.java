package io.accesshub.domain.fleet;

import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.shared.DomainException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fleet at one moment (read on the database clock): installations per app and status, refresh health and the
 * queues operators watch.
 *
 * @param readAt            when it was read
 * @param installations     installations per app and status (only non-zero counts)
 * @param overdueGrants     grants of active installations whose access token expired without a refresh
 * @param failingGrants     grants whose last refresh attempts failed (at least one consecutive failure)
 * @param dueGrants         grants whose scheduled refresh time has come
 * @param nextRefreshAt     the earliest scheduled refresh, if any grant is scheduled
 * @param inboxDepth        webhook events stored and not yet processed
 * @param deadLetters       webhook events that failed every attempt and wait for an operator
 * @param provisioningDepth agencies whose locations are still being provisioned
 * @param parkedEvents      lifecycle events set aside after failing every delivery
 */
public record FleetSnapshot(Instant readAt, List<StatusCount> installations, long overdueGrants, long failingGrants,
                            long dueGrants, Optional<Instant> nextRefreshAt, long inboxDepth, long deadLetters,
                            long provisioningDepth, long parkedEvents) {

    public FleetSnapshot {
        Objects.requireNonNull(readAt, "readAt");
        installations = List.copyOf(Objects.requireNonNull(installations, "installations"));
        Objects.requireNonNull(nextRefreshAt, "nextRefreshAt");
        DomainException.require(overdueGrants >= 0 && failingGrants >= 0 && dueGrants >= 0 && inboxDepth >= 0
            && deadLetters >= 0 && provisioningDepth >= 0 && parkedEvents >= 0, "counts are not negative");
    }

    /** Installations of one app in one status. */
    public record StatusCount(String appId, InstallationStatus status, long count) {

        public StatusCount {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(status, "status");
            DomainException.require(count >= 0, "a count is not negative");
        }
    }

    /** Installations per status over every app, every status listed (zero when none), in the enum's order. */
    public Map<InstallationStatus, Long> byStatus() {
        Map<InstallationStatus, Long> totals = new EnumMap<>(InstallationStatus.class);
        for (InstallationStatus status : InstallationStatus.values()) {
            totals.put(status, 0L);
        }
        installations.forEach(c -> totals.merge(c.status(), c.count(), Long::sum));
        return totals;
    }

    /** Every installation, any status. */
    public long totalInstallations() {
        return installations.stream().mapToLong(StatusCount::count).sum();
    }

    /** Whether something waits for an operator: overdue or failing refreshes, dead letters or parked events. */
    public boolean needsAttention() {
        return overdueGrants > 0 || failingGrants > 0 || deadLetters > 0 || parkedEvents > 0;
    }
}
