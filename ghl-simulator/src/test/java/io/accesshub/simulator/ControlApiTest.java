package io.accesshub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control API drives everything the Java API does, for non-Java callers and the demo. */
class ControlApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private GhlSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = GhlSimulator.start(SimulatorConfig.builder().fastTestProfile().build());
        client = new SimulatorClient(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private String post(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return response.body();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void authorizeAdvanceFaultsAndReportWorkOverHttp() throws Exception {
        String authorized = post("/_sim/authorize", "{\"target\":\"LOCATION\",\"locationId\":\"sim-loc-0002\","
            + "\"state\":\"abc\"}");
        String code = authorized.replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
        assertThat(authorized).contains("state=abc");
        assertThat(client.exchangeCode(code).status()).isEqualTo(200);

        post("/_sim/faults", "{\"endpoint\":\"TOKEN\",\"kind\":\"ERROR_STATUS\",\"status\":502,\"times\":1}");
        assertThat(client.refresh("whatever").status()).isEqualTo(502);
        assertThat(client.refresh("whatever").status()).as("one-shot fault is gone").isEqualTo(400);

        Instant before = simulator.now();
        post("/_sim/clock/advance", "{\"seconds\":3600}");
        assertThat(Duration.between(before, simulator.now())).isEqualTo(Duration.ofHours(1));

        assertThat(get("/_sim/invariants")).contains("\"invalidGrantTotal\":1");
        assertThat(get("/_sim/webhooks/keys")).contains("BEGIN PUBLIC KEY");
        post("/_sim/locations/sim-loc-0002/disable", "{}");
        assertThat(get("/_sim/presentations")).contains("AUTHORIZATION_CODE");
    }

    @Test
    void theClientSecretCanBeRotatedAndRestoredAndInvalidClientInjectedOverHttp() throws Exception {
        String refresh = (String) client.installLocation("sim-loc-0001").body().get("refresh_token");

        assertThat(post("/_sim/client-secret", "{\"clientSecret\":\"rotated-secret\"}"))
            .doesNotContain("rotated-secret");
        assertThat(client.refresh(refresh).status()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/_sim/client-secret"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode()).as("a missing secret is refused").isEqualTo(400);
        assertThat(simulator.clientSecret()).isEqualTo("rotated-secret");
        http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/_sim/client-secret")).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(simulator.clientSecret()).isEqualTo(simulator.config().clientSecret());

        post("/_sim/faults", "{\"endpoint\":\"TOKEN\",\"kind\":\"INVALID_CLIENT\",\"times\":1}");
        assertThat(client.refresh(refresh).status()).isEqualTo(401);
        assertThat(client.refresh(refresh).status()).as("one-shot fault is gone, the token still good").isEqualTo(200);
        assertThat(get("/_sim/invariants")).contains("\"invalidClient\":2");
        assertThat(get("/_sim/presentations")).contains("INVALID_CLIENT");
    }

    @Test
    void seededLocationGrantsRefreshOnceAndShowInTheSummary() throws Exception {
        String seeded = post("/_sim/seed/location-grants", "{\"count\":3}");
        assertThat(seeded).contains("\"locationId\":\"sim-loc-0011\"", "\"locationId\":\"sim-loc-0013\"");
        java.util.List<SeededGrant> grants = simulator.seedLocationGrants(2);
        assertThat(grants).extracting(SeededGrant::locationId).containsExactly("sim-loc-0014", "sim-loc-0015");
        assertThat(grants.get(0).accessTokenExpiresAt()).isEqualTo(simulator.now().plusSeconds(86399));

        Map<String, Object> rotated = client.refresh(grants.get(0).refreshToken()).body();
        assertThat(rotated).containsEntry("locationId", "sim-loc-0014").containsKey("refresh_token");
        simulator.clock().advance(Duration.ofMinutes(5));
        assertThat(client.refresh(grants.get(0).refreshToken()).status()).as("spent outside the grace window")
            .isEqualTo(400);
        assertThat(client.refresh(grants.get(1).refreshToken()).status()).isEqualTo(200);

        PresentationSummary summary = simulator.presentationSummary();
        assertThat(summary.refreshPresentations()).isEqualTo(3);
        assertThat(summary.refreshPresentationsByOutcome()).containsEntry("ACCEPTED", 2L)
            .containsEntry("REJECTED_REUSED", 1L);
        assertThat(summary.resourcesWithRefreshPresentations()).isEqualTo(2);
        assertThat(summary.refreshPresentationsPerResource()).containsEntry(1, 1L).containsEntry(2, 1L);
        assertThat(summary.acceptedRefreshesPerResource()).containsEntry(1, 2L);
        assertThat(get("/_sim/presentations/summary")).contains("\"refreshPresentations\":3",
            "\"acceptedRefreshesPerResource\":{\"1\":2}");
    }

    @Test
    void resetForgetsInstallsTokensAndTime() throws Exception {
        Map<String, Object> pair = client.installLocation("sim-loc-0001").body();
        simulator.clock().advance(Duration.ofDays(2));

        post("/_sim/reset", "{}");

        assertThat(simulator.presentations()).isEmpty();
        assertThat(simulator.now()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(client.refresh((String) pair.get("refresh_token")).status()).isEqualTo(400);
    }
}
