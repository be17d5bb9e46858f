package io.accesshub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.bootstrap.config.StartupConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Demo mode is decided on every configuration source the hub reads, not only on one environment variable: anything
 * that configures a datasource, an app, an API key or a keyset keeps it off. (System properties are set for the
 * duration of one test; surefire runs the test classes of this module one after another.)
 */
class DemoModeDecisionTest {

    private final Map<String, String> setProperties = new LinkedHashMap<>();

    @TempDir
    Path directory;

    @AfterEach
    void clearSystemProperties() {
        setProperties.keySet().forEach(System::clearProperty);
    }

    private void systemProperty(String name, String value) {
        setProperties.put(name, value);
        System.setProperty(name, value);
    }

    private static DemoMode.Decision decide(String... args) {
        try (StartupConfiguration configuration = StartupConfiguration.read(args)) {
            return DemoMode.decide(configuration);
        }
    }

    @Test
    void theBundledDefaultsAloneStartDemoMode() {
        assertThat(decide()).isInstanceOf(DemoMode.Decision.On.class);
    }

    @Test
    void aDatasourceSetAsSystemPropertyKeepsDemoModeOff() {
        systemProperty("datasources.default.url", "jdbc:mysql://db.internal:3306/accesshub");

        assertThat(decide()).isInstanceOfSatisfying(DemoMode.Decision.Off.class,
            off -> assertThat(off.reason()).contains("datasources.default.url").doesNotContain("db.internal"));
    }

    @Test
    void aDatasourceInAConfigurationFileKeepsDemoModeOff() throws Exception {
        Path file = directory.resolve("hub.yml");
        Files.writeString(file, "datasources:\n  default:\n    url: jdbc:mysql://db.internal:3306/accesshub\n");
        systemProperty("micronaut.config.files", file.toString());

        assertThat(decide()).isInstanceOf(DemoMode.Decision.Off.class);
    }

    @Test
    void anAppAnApiKeyOrAKeysetAloneKeepsDemoModeOff() {
        assertThat(decide("--accesshub.apps.billing.client-id=abc-123")).isInstanceOf(DemoMode.Decision.Off.class);
        assertThat(decide("--accesshub.api.keys=svc:" + "0".repeat(64) + ":tokens:read"))
            .isInstanceOf(DemoMode.Decision.Off.class);
        assertThat(decide("--accesshub.token-encryption.keyset-file=/etc/hub/keyset.json"))
            .isInstanceOf(DemoMode.Decision.Off.class);
    }

    @Test
    void theExplicitFlagWins() {
        assertThat(decide("--accesshub.demo.enabled=false")).isInstanceOf(DemoMode.Decision.Off.class);
        assertThat(decide("--accesshub.demo.enabled=true", "--datasources.default.url=jdbc:mysql://db/hub"))
            .isInstanceOf(DemoMode.Decision.On.class);
        assertThat(decide("--accesshub.demo.enabled=yes")).isInstanceOf(DemoMode.Decision.Refused.class);
    }

    @Test
    void theProductionEnvironmentRefusesDemoModeButNotAConfiguredHub() {
        assertThat(decide("--accesshub.environment=production")).isInstanceOfSatisfying(
            DemoMode.Decision.Refused.class, refused -> assertThat(refused.message()).contains("production"));
        assertThat(decide("--accesshub.environment=production", "--accesshub.demo.enabled=true"))
            .isInstanceOf(DemoMode.Decision.Refused.class);
        assertThat(decide("--accesshub.environment=production", "--datasources.default.url=jdbc:mysql://db/hub"))
            .isInstanceOf(DemoMode.Decision.Off.class);
    }
}
