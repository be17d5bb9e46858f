package io.accesshub.adapter.http.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.http.security.ApiKeyRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.Router;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Errors the framework raises itself answer problem details with a stable code, never Micronaut's _links JSON. */
class FrameworkProblemsTest {

    private static final String KEY = "framework-problems-test-key";
    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
            "micronaut.server.port", -1,
            "micronaut.server.max-request-size", "1KB",
            "probe.enabled", "true",
            // as in the hub's application.yml: a path without route is a 404, not a security rejection
            "micronaut.security.reject-not-found", "false",
            "accesshub.api.keys", "probe:" + ApiKeyRegistry.sha256Hex(KEY) + ":installations:read"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * For requests the server answers and then closes the connection of (too large): a client of their own, so the
     * shared client's pool never hands the closing connection to the next test.
     */
    private static HttpResponse<String> sendOnItsOwnConnection(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
            .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
            .header("X-API-Key", KEY);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
            .contains("\"code\":\"" + code + "\"", "\"status\":" + status, "\"type\":\"https://accesshub.io/problems/")
            .doesNotContain("_links", "_embedded");
    }

    @Test
    void aQueryNumberThatDoesNotParseIsAnInvalidParameterWithoutEchoingTheValue() throws Exception {
        HttpResponse<String> response = send(request("/probe/number?n=secret-value-123"));

        assertProblem(response, 400, "invalid_parameter");
        assertThat(response.body()).contains("'n'", "a number").doesNotContain("secret-value-123");
    }

    @Test
    void aMissingQueryValueIsAMissingParameter() throws Exception {
        assertProblem(send(request("/probe/number")), 400, "missing_parameter");
    }

    @Test
    void aUriLongerThanTheServerAcceptsIsAProblem() throws Exception {
        HttpResponse<String> response = sendOnItsOwnConnection(request("/probe/number?n=" + "9".repeat(10_000)));

        assertThat(response.statusCode()).isIn(413, 414);
        assertProblem(response, response.statusCode(), response.statusCode() == 413 ? "request_too_large"
            : "uri_too_long");
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        assertProblem(send(request("/no/such/path")), 404, "not_found");
    }

    @Test
    void aSecuredEndpointWithoutAKeyIsUnauthenticatedAsAProblem() throws Exception {
        assertProblem(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort()
            + "/probe/secured")).build(), HttpResponse.BodyHandlers.ofString()), 401, "unauthenticated");
    }

    @Test
    void aWrongMethodIsMethodNotAllowed() throws Exception {
        assertProblem(send(request("/probe/number?n=1").DELETE()), 405, "method_not_allowed");
    }

    @Test
    void malformedJsonIsAMalformedBody() throws Exception {
        assertProblem(send(request("/probe/json").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\", "))), 400, "malformed_body");
    }

    @Test
    void aBodyOfAnotherMediaTypeIsUnsupported() throws Exception {
        assertProblem(send(request("/probe/json").header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("hello"))), 415, "unsupported_media_type");
    }

    @Test
    void anAcceptHeaderTheEndpointCannotServeIsNotAcceptable() throws Exception {
        assertProblem(send(request("/probe/page").header("Accept", "image/png")), 406, "not_acceptable");
    }

    @Test
    void aBodyLargerThanTheLimitIsTooLarge() throws Exception {
        HttpResponse<String> response = sendOnItsOwnConnection(request("/probe/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(4096) + "\",\"size\":1}")));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":413").doesNotContain("_links");
    }

    @Test
    void aBrowserAskingForHtmlStillGetsAProblem() throws Exception {
        assertProblem(send(request("/no/such/page").header("Accept", "text/html")), 404, "not_found");
    }

    @Test
    void aKeyWithoutThePermissionIsForbiddenAsAProblemWithoutAChallenge() throws Exception {
        HttpResponse<String> response = send(request("/probe/secured"));

        assertProblem(response, 403, "forbidden");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aWrongKeyIsUnauthenticatedWithABearerChallenge() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort()
            + "/probe/secured")).header("Authorization", "Bearer not-a-key"));

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    /**
     * Rejections and status errors are answered by global error routes, which the router finds before Micronaut falls
     * back to its per-error scan of every bean definition for an exception handler (ADR-41), whatever the caller
     * accepts.
     */
    @Test
    void rejectionsAndStatusErrorsFindAGlobalErrorRouteBeforeAnyHandlerLookup() {
        Router router = server.getApplicationContext().getBean(Router.class);
        for (String accept : new String[] {"application/json", "text/html", "*/*"}) {
            io.micronaut.http.HttpRequest<?> request = io.micronaut.http.HttpRequest.GET("/no/such/path")
                .header("Accept", accept);

            Optional<RouteMatch<Object>> rejected = router.findErrorRoute(null, new AuthorizationException(null), request);
            Optional<RouteMatch<Object>> missing = router.findErrorRoute(null,
                new HttpStatusException(HttpStatus.NOT_FOUND, "no route"), request);

            assertThat(rejected).as("Accept: " + accept).hasValueSatisfying(route ->
                assertThat(route.getRouteInfo().getDeclaringType()).isEqualTo(ProblemErrorRoutes.class));
            assertThat(missing).as("Accept: " + accept).hasValueSatisfying(route ->
                assertThat(route.getRouteInfo().getDeclaringType()).isEqualTo(ProblemErrorRoutes.class));
        }
    }
}
