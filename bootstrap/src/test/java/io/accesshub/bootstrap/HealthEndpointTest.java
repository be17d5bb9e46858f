package io.accesshub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.crypto.SigningKeysets;
import io.accesshub.adapter.http.security.ApiKeyRegistry;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole hub starts on the test database; /health shows its details (database included) to admin keys only. */
class HealthEndpointTest {

    private static final String ADMIN_KEY = "health-test-admin-key";
    private static final String READER_KEY = "health-test-reader-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static EmbeddedServer server;

    @BeforeAll
    static void startHub() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.shared().properties());
        properties.put("micronaut.server.port", -1);
        properties.put("accesshub.signing.keyset", SigningKeysets.generate());
        properties.put("accesshub.api.keys", "ops:" + ApiKeyRegistry.sha256Hex(ADMIN_KEY) + ":admin;reader:"
            + ApiKeyRegistry.sha256Hex(READER_KEY) + ":tokens:read+installations:read");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    @AfterAll
    static void stopHub() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminKeySeesTheDetailsDatabaseIncluded() throws Exception {
        HttpResponse<String> health = get("/health", ADMIN_KEY);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"details\"", "\"jdbc\"");
    }

    @Test
    void withoutAKeyOrWithANonAdminKeyOnlyTheStatusIsShown() throws Exception {
        for (String key : new String[] {null, READER_KEY, "not-a-key"}) {
            HttpResponse<String> health = get("/health", key);

            assertThat(health.statusCode()).as("key %s", key).isEqualTo(200);
            assertThat(health.body()).as("key %s", key).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void livenessAndReadinessAnswerOnlyUpOrDownEvenToAnAdmin() throws Exception {
        for (String path : new String[] {"/health/liveness", "/health/readiness"}) {
            HttpResponse<String> health = get(path, ADMIN_KEY);

            assertThat(health.statusCode()).as(path).isEqualTo(200);
            assertThat(health.body()).as(path).isEqualTo("{\"status\":\"UP\"}");
        }
    }
}
