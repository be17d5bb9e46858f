package io.accesshub.adapter.http.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Failures reaching the problem handler: an unavailable database is 503 with Retry-After, anything else 500. */
class DatabaseUnavailableProblemTest {

    private static EmbeddedServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
            "micronaut.server.port", -1,
            "failing.enabled", "true",
            "accesshub.database.unavailable-retry-after", "1500ms"));
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private HttpClientResponseException failure(String path) {
        return catchThrowableOfType(HttpClientResponseException.class,
            () -> client.toBlocking().exchange(HttpRequest.GET(path), String.class));
    }

    @Test
    void aPoolTimeoutIsServiceUnavailableWithRetryAfterInWholeSeconds() {
        HttpClientResponseException e = failure("/failing/database");

        assertThat(e.getStatus().getCode()).isEqualTo(503);
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(
            type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
        assertThat(e.getResponse().getHeaders().get("Retry-After")).isEqualTo("2");
        assertThat(e.getResponse().getHeaders().get("Cache-Control")).isEqualTo("no-store");
        assertThat(e.getResponse().getBody(String.class)).hasValueSatisfying(body -> assertThat(body)
            .contains("\"code\":\"service_unavailable\"", "\"status\":503")
            .doesNotContain("SELECT", "token_grant", "jdbc", "db.internal", "s3cr3t", "Hikari", "Exception"));
    }

    @Test
    void aConnectionStateSqlExceptionIsServiceUnavailable() {
        HttpClientResponseException e = failure("/failing/communications");

        assertThat(e.getStatus().getCode()).isEqualTo(503);
        assertThat(e.getResponse().getBody(String.class)).hasValueSatisfying(body -> assertThat(body)
            .contains("\"code\":\"service_unavailable\"").doesNotContain("db.internal", "SELECT"));
    }

    @Test
    void anyOtherFailureIsAnInternalErrorWithoutRetryAfter() {
        HttpClientResponseException e = failure("/failing/other");

        assertThat(e.getStatus().getCode()).isEqualTo(500);
        assertThat(e.getResponse().getHeaders().get("Retry-After")).isNull();
        assertThat(e.getResponse().getBody(String.class)).hasValueSatisfying(body -> assertThat(body)
            .contains("\"code\":\"internal_error\"").doesNotContain("something else broke"));
    }
}
