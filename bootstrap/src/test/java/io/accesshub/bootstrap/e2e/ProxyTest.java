package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.Presentation;
import io.accesshub.simulator.SimulatorConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The proxy on the real database and the simulator: calls reach HighLevel with the resource's token and the right
 * {@code Version}, and nothing of the caller's that must not cross; HighLevel's answer comes back with the budget
 * headers; hub-only paths, bad deadlines and large bodies are refused before HighLevel; a token HighLevel stopped
 * accepting is renewed once, a GET repeated and a POST answered {@code token_rejected}; agency calls need
 * {@code company-tokens:read}.
 */
class ProxyTest {

    /** Loggers captured at DEBUG so the secrecy check sees every line a verbose deployment would write. */
    private static final List<String> VERBOSE = List.of("io.accesshub", "io.accesshub.adapter.ghl",
        "io.micronaut.http.client");

    private HubHarness harness;
    /** The seeded location the calls are for. */
    private String location;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        for (String name : VERBOSE) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(null);
        }
        harness.close();
    }

    private HubHarness.Hub start(Map<String, Object> extra) {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(2));
        HubHarness.Hub hub = harness.startHub(extra);
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        for (String name : VERBOSE) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.DEBUG);
        }
        return hub;
    }

    private String proxy(HubHarness.Hub hub, String path) {
        return hub.url("/api/v1/proxy/locations/" + location + "/" + path);
    }

    private String storedToken(HubHarness.Hub hub) throws Exception {
        return (String) harness.locationToken(hub, location).json().get("accessToken");
    }

    private long refreshPresentations() {
        return harness.simulator.presentations().stream()
            .filter(p -> p.kind() == Presentation.Kind.REFRESH_TOKEN && p.isPresentation()).count();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCallReachesHighLevelWithTheLocationsTokenAndComesBackWithItsAnswerAndTheBudget() throws Exception {
        HubHarness.Hub hub = start(Map.of());
        location = harness.seedLocations(hub, 1).get(0).locationId();

        HubHarness.Response created = harness.request("POST", proxy(hub, "contacts/"), HubHarness.API_KEY,
            json("{\"locationId\":\"" + location + "\",\"firstName\":\"Ada\",\"email\":\"ada@example.com\"}"),
            "Content-Type", "application/json");
        HubHarness.Response found = harness.request("GET", proxy(hub, "contacts/?locationId=" + location
            + "&query=ada"), HubHarness.API_KEY, null, "X-AccessHub-Max-Wait", "5");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains("ada@example.com");
        assertThat(found.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(found.headers().firstValue("X-RateLimit-Remaining")).isPresent();
        assertThat(found.headers().firstValueAsLong("X-AccessHub-Budget-Remaining")).isPresent();
        assertThat(found.headers().firstValueAsLong("X-AccessHub-Daily-Remaining")).isPresent();
        List<GhlSimulator.ApiRequestSeen> seen = harness.simulator.apiRequests();
        assertThat(seen).hasSize(2);
        String token = storedToken(hub);
        assertThat(seen).allSatisfy(request -> {
            assertThat(request.headers().get("authorization")).containsExactly("Bearer " + token);
            assertThat(request.headers().get("version")).containsExactly("2021-07-28");
        });
        assertThat(seen.get(1).rawQuery()).isEqualTo("locationId=" + location + "&query=ada");
    }

    @Test
    void theCallersCredentialsAndHopByHopHeadersNeverReachHighLevelAndNoTokenIsLogged() throws Exception {
        HubHarness.Hub hub = start(Map.of());
        location = harness.seedLocations(hub, 1).get(0).locationId();
        URI target = URI.create(proxy(hub, "contacts/?locationId=" + location));

        String status;
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target.getRawPath() + "?" + target.getRawQuery() + " HTTP/1.1\r\n"
                + "Host: " + target.getHost() + ":" + target.getPort() + "\r\n"
                + "Authorization: Bearer " + HubHarness.API_KEY + "\r\n"
                + "X-API-Key: " + HubHarness.API_KEY + "\r\n"
                + "Connection: close, X-Private-Hop\r\n"
                + "X-Private-Hop: secret-hop\r\n"
                + "Proxy-Authorization: Basic c2VjcmV0\r\n"
                + "TE: trailers\r\n"
                + "Cookie: session=secret-cookie\r\n"
                + "X-AccessHub-Max-Wait: 5\r\n"
                + "X-Passed-On: yes\r\n"
                + "Version: 2021-04-15\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        }

        assertThat(status).contains(" 200");
        GhlSimulator.ApiRequestSeen request = harness.simulator.apiRequests().get(0);
        assertThat(request.headers()).containsKey("x-passed-on")
            .doesNotContainKeys("x-api-key", "x-private-hop", "proxy-authorization", "te", "cookie",
                "x-accesshub-max-wait");
        assertThat(request.headers().get("authorization")).containsExactly("Bearer " + storedToken(hub));
        assertThat(request.headers().get("version")).as("the caller's own Version wins").containsExactly("2021-04-15");
        String token = storedToken(hub);
        assertThat(logs.list).isNotEmpty().noneMatch(e -> e.getFormattedMessage().contains(token)
            || e.getFormattedMessage().contains(HubHarness.API_KEY));
    }

    @Test
    void hubOnlyPathsBadDeadlinesAndLargeBodiesAreRefusedBeforeHighLevel() throws Exception {
        HubHarness.Hub hub = start(Map.of("accesshub.proxy.max-body-bytes", "100"));
        location = harness.seedLocations(hub, 1).get(0).locationId();

        for (String path : List.of("oauth/installedLocations", "OAuth/token", "%6Fauth/token",
                "marketplace/app/x/installations", "contacts/%2e%2e/oauth/token", "contacts/%2Foauth")) {
            HubHarness.Response refused = harness.request("GET", proxy(hub, path), HubHarness.API_KEY, null);
            assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.json().get("code")).isEqualTo("path_not_allowed");
        }
        for (String wait : List.of("soon", "-1", "1.5", "")) {
            HubHarness.Response invalid = harness.request("GET", proxy(hub, "contacts/?locationId=" + location),
                HubHarness.API_KEY, null, "X-AccessHub-Max-Wait", wait.isEmpty() ? " " : wait);
            assertThat(invalid.status()).as("'" + wait + "': " + invalid.body()).isEqualTo(400);
            assertThat(invalid.json().get("code")).isEqualTo("invalid_max_wait");
        }
        HubHarness.Response large = harness.request("POST", proxy(hub, "contacts/"), HubHarness.API_KEY,
            new byte[101], "Content-Type", "application/json");
        assertThat(large.status()).as(large.body()).isEqualTo(413);
        assertThat(large.json().get("code")).isEqualTo("body_too_large");
        assertThat(harness.simulator.apiRequests()).as("HighLevel saw none of them").isEmpty();
    }

    @Test
    void aTokenHighLevelStoppedAcceptingIsRenewedOnceAndAGetIsRepeated() throws Exception {
        HubHarness.Hub hub = start(Map.of());
        location = harness.seedLocations(hub, 1).get(0).locationId();
        String before = storedToken(hub);
        harness.simulator.rejectAccessTokens(location);

        HubHarness.Response found = harness.request("GET", proxy(hub, "contacts/?locationId=" + location),
            HubHarness.API_KEY, null);

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        String after = storedToken(hub);
        assertThat(after).isNotEqualTo(before);
        assertThat(refreshPresentations()).isEqualTo(1);
        assertThat(harness.simulator.apiRequests()).extracting(r -> r.headers().get("authorization").get(0))
            .containsExactly("Bearer " + before, "Bearer " + after);
    }

    @Test
    void aPostWhoseTokenHighLevelRejectedIsNotRepeatedButTheTokenIsRenewed() throws Exception {
        HubHarness.Hub hub = start(Map.of());
        location = harness.seedLocations(hub, 1).get(0).locationId();
        String before = storedToken(hub);
        harness.simulator.rejectAccessTokens(location);
        byte[] contact = json("{\"locationId\":\"" + location + "\",\"firstName\":\"Grace\"}");

        HubHarness.Response rejected = harness.request("POST", proxy(hub, "contacts/"), HubHarness.API_KEY, contact,
            "Content-Type", "application/json");
        HubHarness.Response repeated = harness.request("POST", proxy(hub, "contacts/"), HubHarness.API_KEY, contact,
            "Content-Type", "application/json");

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(401);
        assertThat(rejected.json().get("code")).isEqualTo("token_rejected");
        assertThat(rejected.body()).doesNotContain(before);
        assertThat(repeated.status()).as(repeated.body()).isEqualTo(201);
        assertThat(storedToken(hub)).isNotEqualTo(before);
        assertThat(refreshPresentations()).isEqualTo(1);
        assertThat(harness.simulator.apiRequests()).as("the rejected POST once, the repeated one once").hasSize(2);
    }

    @Test
    void agencyCallsNeedCompanyTokensReadAndKeysWithoutProxyUseAreRefused() throws Exception {
        HubHarness.Hub hub = start(Map.of());
        location = harness.seedLocations(hub, 1).get(0).locationId();
        String company = harness.simulator.config().companyId();

        HubHarness.Response proxyOnlyCompany = harness.request("GET", hub.url("/api/v1/proxy/companies/" + company
            + "/locations/search?companyId=" + company), HubHarness.PROXY_ONLY_KEY, null);
        HubHarness.Response proxyOnlyLocation = harness.request("GET", proxy(hub, "contacts/?locationId="
            + location), HubHarness.PROXY_ONLY_KEY, null);
        HubHarness.Response anonymous = harness.request("GET", proxy(hub, "contacts/?locationId=" + location),
            null, null);

        assertThat(proxyOnlyCompany.status()).as(proxyOnlyCompany.body()).isEqualTo(403);
        assertThat(proxyOnlyLocation.status()).as(proxyOnlyLocation.body()).isEqualTo(200);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(harness.simulator.apiRequests()).hasSize(1);
    }
}
