package io.accesshub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.accesshub.adapter.http.security.ApiKeyRegistry;
import io.accesshub.adapter.persistence.crypto.SigningKeysets;
import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's main in a child JVM, configured as an operator would: {@code OTEL_EXPORTER_OTLP_ENDPOINT} in the
 * environment turns tracing on, and a request's span reaches that OTLP endpoint, named after the service
 * ({@code accesshub}) and without the API key the request carried.
 */
class TracingStartupTest {

    private static final Duration START = Duration.ofMinutes(3);
    private static final String KEY = "tracing-startup-key";

    @TempDir
    Path directory;
    private HttpServer receiver;
    private final List<byte[]> exports = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void anOtlpEndpointInTheEnvironmentTurnsTracingOnAndRequestsReachIt() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            exports.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        int hubPort = HubProcess.freePort();
        try (HubProcess hub = HubProcess.start(Map.of(
                "MICRONAUT_CONFIG_FILES", configuration().toString(),
                "ACCESSHUB_DATA_DIR", directory.resolve("data").toString(),
                "ACCESSHUB_PORT", String.valueOf(hubPort),
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                "OTEL_BSP_SCHEDULE_DELAY", "100"), List.of())) {
            assertThat(hub.awaitLine(line -> line.contains("Startup completed"), START)).as(hub.output()).isTrue();
            assertThat(hub.output()).contains("Tracing is on").doesNotContain("127.0.0.1:" + receiver.getAddress()
                .getPort());

            HttpResponse<String> installations = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hubPort + "/api/v1/installations?limit=5"))
                    .header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(installations.statusCode()).as(installations.body()).isEqualTo(200);

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!exported().contains("/api/v1/installations") && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling the receiver for the batch export, not waiting for correctness
            }
            assertThat(exported()).as(hub.output()).contains("/api/v1/installations").contains("accesshub")
                .doesNotContain(KEY).doesNotContain("limit=5");
            // nothing reaches for OpenTelemetry's global instance (Connector/J's own tracing is off)
            assertThat(hub.output()).doesNotContain("GlobalOpenTelemetry");
        }
    }

    private String exported() {
        StringBuilder all = new StringBuilder();
        for (byte[] body : exports) {
            all.append(new String(body, StandardCharsets.ISO_8859_1)).append('\n');
        }
        return all.toString();
    }

    private Path configuration() throws Exception {
        TestDatabase db = TestDatabase.shared();
        Path keyset = Files.writeString(directory.resolve("keyset.json"), TinkKeysets.generate());
        Path signingKeyset = Files.writeString(directory.resolve("signing-keyset.json"), SigningKeysets.generate());
        return Files.writeString(directory.resolve("hub.yml"), String.join("\n",
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
            "    keys: 'ops:" + ApiKeyRegistry.sha256Hex(KEY) + ":installations:read'",
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
    }
}
