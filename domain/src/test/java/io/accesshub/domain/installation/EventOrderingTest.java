package io.accesshub.domain.installation;

import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static io.accesshub.domain.testing.DomainFixtures.LOCATION_KEY;
import static io.accesshub.domain.testing.DomainFixtures.installationId;
import static io.accesshub.domain.testing.DomainFixtures.reasonFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventOrderingTest {

    private static final Instant T1 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-22T10:05:00Z");
    private static final Instant T3 = Instant.parse("2026-11-22T10:10:00Z");

    private static Installation at(InstallationStatus status, Instant lastLifecycleChangeAt) {
        return Installation.rehydrate(installationId(1), LOCATION_KEY, CompanyInstallDetails.none(), status,
                reasonFor(status), T1.minusSeconds(3600), lastLifecycleChangeAt, lastLifecycleChangeAt, 1L);
    }

    @ParameterizedTest(name = "{0} since {1}, {2} stamped {3} -> {4}")
    @CsvSource({
            // status,      last change, signal,    stamped, decision
            "UNINSTALLED,  T2, INSTALL,   T1, IGNORE_STALE",
            "UNINSTALLED,  T2, INSTALL,   T2, IGNORE_STALE",
            "UNINSTALLED,  T2, INSTALL,   T3, APPLY",
            "UNINSTALLED,  T2, UNINSTALL, T1, ALREADY_CONVERGED",
            "UNINSTALLED,  T2, UNINSTALL, T2, ALREADY_CONVERGED",
            "UNINSTALLED,  T2, UNINSTALL, T3, ADVANCE_STAMP",
            "ACTIVE,       T2, UNINSTALL, T1, IGNORE_STALE",
            "ACTIVE,       T2, UNINSTALL, T2, APPLY",
            "ACTIVE,       T2, UNINSTALL, T3, APPLY",
            "ACTIVE,       T2, INSTALL,   T1, ALREADY_CONVERGED",
            "ACTIVE,       T2, INSTALL,   T2, ALREADY_CONVERGED",
            "ACTIVE,       T2, INSTALL,   T3, ADVANCE_STAMP",
            "PENDING,      T2, UNINSTALL, T1, IGNORE_STALE",
            "PENDING,      T2, UNINSTALL, T3, APPLY",
            "NEEDS_REAUTH, T2, UNINSTALL, T3, APPLY",
            "SUSPENDED,    T2, INSTALL,   T3, ADVANCE_STAMP",
            "DEGRADED,     T2, UNINSTALL, T1, IGNORE_STALE",
    })
    void anEventOlderThanTheLastLifecycleChangeNeverUndoesIt(InstallationStatus status, String lastChange,
                                                            LifecycleSignal signal, String stamped,
                                                            OrderingDecision expected) {
        assertThat(EventOrdering.judge(at(status, time(lastChange)), signal, time(stamped))).isEqualTo(expected);
    }

    @Test
    void anUninstallAtT2BeatsAnInstallStampedT1ThatArrivesLater() {
        Installation installed = at(InstallationStatus.ACTIVE, T1.minusSeconds(60));

        Installation uninstalled = installed.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, T2, T3);

        assertThat(EventOrdering.judge(uninstalled, LifecycleSignal.INSTALL, T1))
                .isEqualTo(OrderingDecision.IGNORE_STALE);
        assertThatThrownBy(() -> uninstalled.reinstall(CompanyInstallDetails.none(), T1, T3))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STALE_LIFECYCLE_EVENT));
    }

    @Test
    void aNewerInstallReinstalls() {
        Installation uninstalled = at(InstallationStatus.UNINSTALLED, T2);

        Installation reinstalled = uninstalled.reinstall(CompanyInstallDetails.none(), T3, T3.plusSeconds(5));

        assertThat(reinstalled.status()).isEqualTo(InstallationStatus.PENDING);
        assertThat(reinstalled.lastLifecycleChangeAt()).isEqualTo(T3);
        assertThat(reinstalled.statusChangedAt()).isEqualTo(T3.plusSeconds(5));
    }

    @Test
    void aStaleUninstallIsRefusedByTheAggregate() {
        Installation installed = at(InstallationStatus.ACTIVE, T2);

        assertThatThrownBy(() -> installed.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, T1, T3))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STALE_LIFECYCLE_EVENT));
    }

    @Test
    void aNewerInstallSignalOnAnInstalledInstallationOnlyMovesTheStamp() {
        Installation installed = at(InstallationStatus.DEGRADED, T1);

        Installation confirmed = installed.confirmInstalled(T3);

        assertThat(confirmed.lastLifecycleChangeAt()).isEqualTo(T3);
        assertThat(confirmed.status()).isEqualTo(InstallationStatus.DEGRADED);
        assertThat(confirmed.statusChangedAt()).isEqualTo(installed.statusChangedAt());
        assertThat(confirmed.recordedEvents()).isEmpty();
        assertThat(confirmed.confirmInstalled(T2)).isSameAs(confirmed);
        assertThat(EventOrdering.judge(confirmed, LifecycleSignal.UNINSTALL, T2))
                .isEqualTo(OrderingDecision.IGNORE_STALE);
    }

    @Test
    void confirmingAnUninstalledInstallationIsIllegal() {
        assertThatThrownBy(() -> at(InstallationStatus.UNINSTALLED, T1).confirmInstalled(T3))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
    }

    @Test
    void aNewerUninstallOfAnUninstalledInstallationMovesTheStampSoAnInstallBetweenStaysStale() {
        Installation uninstalled = at(InstallationStatus.UNINSTALLED, T1);

        Installation later = uninstalled.uninstall(StateReason.UNINSTALLED_WITH_COMPANY, T3, T3);

        assertThat(later.lastLifecycleChangeAt()).isEqualTo(T3);
        assertThat(later.recordedEvents()).isEmpty();
        assertThat(EventOrdering.judge(later, LifecycleSignal.INSTALL, T2)).isEqualTo(OrderingDecision.IGNORE_STALE);
    }

    private static Instant time(String name) {
        return switch (name) {
            case "T1" -> T1;
            case "T2" -> T2;
            case "T3" -> T3;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
