package io.accesshub.adapter.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticationTest {

    private static final String READER_KEY = "reader-secret-key-0001";
    private static final String AUDITOR_KEY = "auditor-secret-key-0002";

    private static EmbeddedServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        String spec = "reader:" + ApiKeyRegistry.sha256Hex(READER_KEY) + ":tokens:read;"
            + "auditor:" + ApiKeyRegistry.sha256Hex(AUDITOR_KEY) + ":installations:read";
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
            "micronaut.server.port", -1,
            "probe.enabled", "true",
            "accesshub.api.keys", spec));
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private HttpClientResponseException rejected(MutableHttpRequest<?> request) {
        return (HttpClientResponseException) org.assertj.core.api.Assertions.catchThrowable(
            () -> client.toBlocking().exchange(request, String.class));
    }

    @Test
    void aKeyWithThePermissionIsAcceptedAsBearerOrHeader() {
        assertThat(client.toBlocking().retrieve(HttpRequest.GET("/probe").bearerAuth(READER_KEY))).isEqualTo("reader");
        assertThat(client.toBlocking().retrieve(HttpRequest.GET("/probe").header("X-API-Key", READER_KEY)))
            .isEqualTo("reader");
    }

    @Test
    void noKeyIsAnUnauthenticatedProblem() {
        HttpClientResponseException e = rejected(HttpRequest.GET("/probe"));

        assertThat(e.getStatus().getCode()).isEqualTo(401);
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(
            type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
        assertThat(e.getResponse().getBody(String.class)).hasValueSatisfying(
            body -> assertThat(body).contains("\"code\":\"unauthenticated\""));
    }

    @Test
    void anUnknownKeyIsUnauthenticatedAndNeverEchoed() {
        HttpClientResponseException e = rejected(HttpRequest.GET("/probe").bearerAuth("guessed-key-9999"));

        assertThat(e.getStatus().getCode()).isEqualTo(401);
        assertThat(e.getResponse().getBody(String.class).orElse("")).doesNotContain("guessed-key-9999");
    }

    @Test
    void aKeyWithoutThePermissionIsForbidden() {
        HttpClientResponseException e = rejected(HttpRequest.GET("/probe").bearerAuth(AUDITOR_KEY));

        assertThat(e.getStatus().getCode()).isEqualTo(403);
        assertThat(e.getResponse().getBody(String.class)).hasValueSatisfying(
            body -> assertThat(body).contains("\"code\":\"forbidden\"").doesNotContain(AUDITOR_KEY));
    }

    @Test
    void malformedConfigurationIsRefusedWithoutEchoingTheHash() {
        assertThatThrownBy(() -> ApiKeyRegistry.parse("svc:not-a-hash:tokens:read"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("svc").hasMessageNotContaining("not-a-hash");
        assertThatThrownBy(() -> ApiKeyRegistry.parse("svc:" + ApiKeyRegistry.sha256Hex("k") + ":tokens:write"))
            .hasMessageContaining("unknown permission 'tokens:write'");
    }
}
