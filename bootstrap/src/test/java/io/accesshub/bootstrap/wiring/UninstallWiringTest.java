package io.accesshub.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.application.service.DeveloperUninstallService.LocationCredential;
import org.junit.jupiter.api.Test;

class UninstallWiringTest {

    @Test
    void theLocationTokenSettingNamesOneOfTheTwoCredentials() {
        assertThat(UninstallWiring.locationCredential("location")).isEqualTo(LocationCredential.LOCATION);
        assertThat(UninstallWiring.locationCredential(" Agency ")).isEqualTo(LocationCredential.AGENCY);
    }

    @Test
    void anUnknownLocationTokenSettingIsRefusedWithoutEchoingMoreThanTheSetting() {
        assertThatThrownBy(() -> UninstallWiring.locationCredential("company"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("accesshub.uninstall.location-token");
    }
}
