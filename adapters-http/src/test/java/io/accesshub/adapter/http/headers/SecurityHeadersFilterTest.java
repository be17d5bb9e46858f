package io.accesshub.adapter.http.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTML pages carry CSP, framing, referrer and nosniff headers; so does every other response. */
class SecurityHeadersFilterTest {

    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
            "probe.enabled", "true"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anHtmlPageCarriesTheStrictHeaders() throws Exception {
        HttpResponse<String> page = get("/probe/page");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(
            SecurityHeadersFilter.CONTENT_SECURITY_POLICY);
        assertThat(SecurityHeadersFilter.CONTENT_SECURITY_POLICY).startsWith("default-src 'none'")
            .contains("frame-ancestors 'none'").doesNotContain("script-src");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void jsonAndErrorResponsesCarryThemToo() throws Exception {
        HttpResponse<String> json = get("/probe/number?n=3");
        HttpResponse<String> error = get("/no/such/path");

        assertThat(json.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(error.statusCode()).isEqualTo(401);
        assertThat(error.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(error.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }
}
