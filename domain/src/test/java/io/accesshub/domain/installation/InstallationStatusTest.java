package io.accesshub.domain.installation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class InstallationStatusTest {

    @ParameterizedTest(name = "{0}: installed {1}, serves tokens {2}")
    @CsvSource({
            "PENDING,      true,  false",
            "ACTIVE,       true,  true",
            "DEGRADED,     true,  true",
            "SUSPENDED,    true,  false",
            "NEEDS_REAUTH, true,  false",
            "UNINSTALLED,  false, false",
    })
    void onlyActiveAndDegradedInstallationsServeTokens(InstallationStatus status, boolean installed,
                                                       boolean servesTokens) {
        assertThat(status.isInstalled()).isEqualTo(installed);
        assertThat(status.servesTokens()).isEqualTo(servesTokens);
    }

    @ParameterizedTest(name = "{0} never moves to itself")
    @EnumSource(InstallationStatus.class)
    void aStatusNeverMovesToItself(InstallationStatus status) {
        assertThat(status.canMoveTo(status)).isFalse();
    }

    @ParameterizedTest(name = "{0} can be left for uninstalled, or is uninstalled")
    @EnumSource(InstallationStatus.class)
    void everyInstalledStatusCanBeUninstalledAndOnlyUninstalledCanBeReinstalled(InstallationStatus status) {
        assertThat(status.canMoveTo(InstallationStatus.UNINSTALLED)).isEqualTo(status.isInstalled());
        assertThat(status.canMoveTo(InstallationStatus.PENDING)).isEqualTo(!status.isInstalled());
    }

    @ParameterizedTest(name = "every reason of {0} names it")
    @EnumSource(InstallationStatus.class)
    void everyStatusHasAtLeastOneReason(InstallationStatus status) {
        assertThat(StateReason.values()).anyMatch(r -> r.status() == status);
    }
}
