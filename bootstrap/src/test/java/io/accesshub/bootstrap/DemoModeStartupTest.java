package io.accesshub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.accesshub.adapter.http.security.ApiKeyRegistry;
import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's main in a child JVM: demo mode with nothing configured, never with a configuration file or in production. */
class DemoModeStartupTest {

    private static final Duration START = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void theProductionEnvironmentRefusesToStartInDemoModeWithANonZeroExit() throws Exception {
        Path data = directory.resolve("data");
        try (HubProcess hub = HubProcess.start(Map.of("ACCESSHUB_ENVIRONMENT", "production",
                "ACCESSHUB_DATA_DIR", data.toString()), List.of())) {
            int status = hub.awaitExit(START);

            assertThat(status).as(hub.output()).isEqualTo(Application.EXIT_REFUSED);
            assertThat(hub.output()).contains("refuses to start", "ACCESSHUB_ENVIRONMENT=production")
                .doesNotContain("DEMO MODE IS ON");
            assertThat(data.resolve("mariadb")).doesNotExist();
        }
    }

    @Test
    void withNothingConfiguredDemoModeStartsWithABannerAndEachDataDirectoryHasItsOwnSimulatorKeys() throws Exception {
        String first = runDemoAndReadSimulatorKey(directory.resolve("one"));
        String second = runDemoAndReadSimulatorKey(directory.resolve("two"));

        assertThat(first).isNotEqualTo(second);
    }

    private String runDemoAndReadSimulatorKey(Path data) throws Exception {
        int hubPort = HubProcess.freePort();
        int simulatorPort = HubProcess.freePort();
        try (HubProcess hub = HubProcess.start(Map.of("ACCESSHUB_DATA_DIR", data.toString(),
                "ACCESSHUB_PORT", String.valueOf(hubPort),
                "ACCESSHUB_DEMO_SIMULATOR_PORT", String.valueOf(simulatorPort)), List.of())) {
            assertThat(hub.awaitLine(line -> line.contains("Demo mode: HighLevel is simulated"), START))
                .as(hub.output()).isTrue();
            assertThat(hub.output()).containsPattern("WARN .*DEMO MODE IS ON \\(nothing configured");

            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hubPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(hub.output()).contains("/console");
            assertConsoleSignIn(hubPort, Files.readString(data.resolve("demo-api-key")).trim());

            Path keys = data.resolve(DemoMode.SIMULATOR_KEYS_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
            HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + simulatorPort + "/_sim/webhooks/keys")).build(),
                HttpResponse.BodyHandlers.ofString());
            String ed25519 = (String) JSON.readValue(published.body(), Map.class).get("ed25519");
            assertThat(ed25519).contains("BEGIN PUBLIC KEY").isEqualTo(
                io.accesshub.simulator.WebhookKeyPairs.loadOrCreate(keys, 2048).publicKeys().ed25519Pem());
            assertThat(ed25519).isNotEqualTo(io.accesshub.simulator.GhlSimulator.start(
                io.accesshub.simulator.SimulatorConfig.defaults().toBuilder().rsaKeySize(1024).build())
                .webhookKeys().ed25519Pem());
            return ed25519;
        }
    }

    /** The demo admin key signs in to the operations console and the overview names it. */
    private static void assertConsoleSignIn(int hubPort, String demoKey) throws Exception {
        String base = "http://127.0.0.1:" + hubPort;
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/sign-in")).build(),
            HttpResponse.BodyHandlers.ofString());
        String signInCookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"form\" value=\"([^\"]+)\"")
            .matcher(form.body());
        assertThat(token.find()).as(form.body()).isTrue();
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/sign-in"))
            .header("Cookie", signInCookie).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("form=" + java.net.URLEncoder.encode(token.group(1),
                java.nio.charset.StandardCharsets.UTF_8) + "&apiKey=" + java.net.URLEncoder.encode(demoKey,
                java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        String session = signedIn.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("accesshub_console=")).findFirst().orElseThrow().split(";", 2)[0];
        HttpResponse<String> overview = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console"))
            .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("Signed in as <strong>demo</strong>").doesNotContain(demoKey);
    }

    @Test
    void aDatasourceInAConfigurationFileStartsTheConfiguredHubWithoutDemoMode() throws Exception {
        TestDatabase db = TestDatabase.shared();
        Path data = directory.resolve("data");
        Path keyset = directory.resolve("keyset.json");
        Files.writeString(keyset, TinkKeysets.generate());
        Path signingKeyset = directory.resolve("signing-keyset.json");
        Files.writeString(signingKeyset, io.accesshub.adapter.persistence.crypto.SigningKeysets.generate());
        Path config = directory.resolve("hub.yml");
        Files.writeString(config, String.join("\n",
            "datasources:",
            "  default:",
            "    url: '" + db.jdbcUrl() + "'",
            "    username: '" + db.username() + "'",
            "    password: '" + db.password() + "'",
            "accesshub:",
            "  token-encryption:",
            "    keyset-file: '" + keyset + "'",
            "  signing:",
            "    keyset-file: '" + signingKeyset + "'",
            "  api:",
            "    keys: 'ops:" + ApiKeyRegistry.sha256Hex("config-file-key") + ":admin'",
            "  apps:",
            "    main:",
            "      client-id: 65f0c0ffee0123456789abcd-sim01abc",
            "      client-secret: not-used",
            "      scopes: locations.readonly",
            "      redirect-uri: http://localhost/oauth/callback",
            "  refresh.scheduler.enabled: false",
            "  provisioning.scheduler.enabled: false",
            "  reconciliation.enabled: false",
            "  webhooks.processing.enabled: false",
            ""));
        int hubPort = HubProcess.freePort();
        try (HubProcess hub = HubProcess.start(Map.of("MICRONAUT_CONFIG_FILES", config.toString(),
                "ACCESSHUB_DATA_DIR", data.toString(), "ACCESSHUB_PORT", String.valueOf(hubPort)), List.of())) {
            assertThat(hub.awaitLine(line -> line.contains("Startup completed"), START)).as(hub.output()).isTrue();

            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hubPort + "/health")).header("X-API-Key", "config-file-key").build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(hub.output()).contains("Using the configured database").doesNotContain("DEMO MODE")
                .doesNotContain(db.password().isEmpty() ? "\u0000" : db.password());
            assertThat(data.resolve("mariadb")).doesNotExist();
            assertThat(data.resolve("demo-api-key")).doesNotExist();
        }
    }
}
