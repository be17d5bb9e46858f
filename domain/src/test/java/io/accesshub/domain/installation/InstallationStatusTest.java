package io.accesshub.domain.installation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class InstallationStatusTest {

    @ParameterizedTest(name = "{0}: installed {1}, serves tokens {2}, keeps its grant {3}")
    @CsvSource({
            "PENDING,      true,  false, true",
            "ACTIVE,       true,  true,  true",
            "DEGRADED,     true,  true,  true",
            "SUSPENDED,    true,  false, true",
            "NEEDS_REAUTH, true,  false, true",
            "UNINSTALLED,  false, false, false",
    })
    void onlyActiveAndDegradedInstallationsServeTokensAndOnlyUninstalledOnesHoldNone(InstallationStatus status,
                                                                                    boolean installed,
                                                                                    boolean servesTokens,
                                                                                    boolean keepsGrant) {
        assertThat(status.isInstalled()).isEqualTo(installed);
        assertThat(status.servesTokens()).isEqualTo(servesTokens);
        assertThat(status.keepsGrant()).isEqualTo(keepsGrant);
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
