package io.accesshub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.crypto.SigningKeysets;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole hub starts on the test database and reports its health, database included. */
class HealthEndpointTest {

    private static EmbeddedServer server;
    private static HttpClient client;

    @BeforeAll
    static void startHub() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.shared().properties());
        properties.put("micronaut.server.port", -1);
        properties.put("accesshub.signing.keyset", SigningKeysets.generate());
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    @AfterAll
    static void stopHub() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> get(String path) {
        try {
            HttpResponse<Map> response = client.toBlocking().exchange(HttpRequest.GET(path), Map.class);
            return response.body();
        } catch (HttpClientResponseException e) {
            return e.getResponse().getBody(Map.class).orElseThrow();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthIsUpAndIncludesTheDatabase() {
        Map<String, Object> health = get("/health");

        assertThat(health).containsEntry("status", "UP");
        Map<String, Object> details = (Map<String, Object>) health.get("details");
        assertThat(details).containsKey("jdbc");
        assertThat((Map<String, Object>) details.get("jdbc")).containsEntry("status", "UP");
    }

    @Test
    void livenessAndReadinessAreServed() {
        assertThat(get("/health/liveness")).containsEntry("status", "UP");
        assertThat(get("/health/readiness")).containsEntry("status", "UP");
    }
}
