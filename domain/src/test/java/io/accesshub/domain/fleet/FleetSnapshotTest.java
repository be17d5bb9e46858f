package io.accesshub.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.installation.InstallationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetSnapshotTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static FleetSnapshot snapshot(long overdue, long failing, long deadLetters, long parked) {
        return new FleetSnapshot(NOW, List.of(new FleetSnapshot.StatusCount("app-a", InstallationStatus.ACTIVE, 3),
            new FleetSnapshot.StatusCount("app-b", InstallationStatus.ACTIVE, 2),
            new FleetSnapshot.StatusCount("app-b", InstallationStatus.NEEDS_REAUTH, 1)),
            overdue, failing, 0, Optional.empty(), 0, deadLetters, 0, parked);
    }

    @Test
    void statusesAreSummedOverAppsAndEveryStatusIsListed() {
        FleetSnapshot fleet = snapshot(0, 0, 0, 0);

        assertThat(fleet.byStatus()).containsKeys(InstallationStatus.values()).containsEntry(InstallationStatus.ACTIVE, 5L)
            .containsEntry(InstallationStatus.NEEDS_REAUTH, 1L).containsEntry(InstallationStatus.PENDING, 0L);
        assertThat(fleet.totalInstallations()).isEqualTo(6);
    }

    @Test
    void overdueOrFailingRefreshesDeadLettersAndParkedEventsNeedAttention() {
        assertThat(snapshot(0, 0, 0, 0).needsAttention()).isFalse();
        assertThat(snapshot(1, 0, 0, 0).needsAttention()).isTrue();
        assertThat(snapshot(0, 1, 0, 0).needsAttention()).isTrue();
        assertThat(snapshot(0, 0, 1, 0).needsAttention()).isTrue();
        assertThat(snapshot(0, 0, 0, 1).needsAttention()).isTrue();
    }
}
