package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.Presentation;
import io.accesshub.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "This token was rejected" over HTTP, on the real database and the simulator: the current token is re-validated
 * once however many report it at once, on however many instances; stale reports change nothing; re-validations are
 * limited per installation; a revoked minted location token is re-minted; malformed or out-of-scope reports never
 * reach HighLevel.
 */
class RejectedTokenReportTest {

    private static final String LOCATION = "sim-loc-0001";
    /**
     * The herd runs on a shared, loaded machine: a simulator answer slower than the harness's 2 s read timeout would
     * turn into a lost answer (and, with the grace window off, a lost grant) that has nothing to do with reports.
     */
    private static final Map<String, Object> PATIENT = Map.of("micronaut.http.services.highlevel.read-timeout", "8s",
        "accesshub.refresh.lease", "20s", "accesshub.refresh.wait-for-other-instance", "30s");

    private HubHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String sha256(Object token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(((String) token).getBytes(StandardCharsets.UTF_8)));
    }

    private HubHarness.Response report(HubHarness.Hub hub, String resource, String id, String body, String key)
            throws Exception {
        return harness.send("POST", hub.url("/api/v1/" + resource + "/" + id + "/access-token/rejected"), key, body);
    }

    private HubHarness.Response reportLocation(HubHarness.Hub hub, Object token) throws Exception {
        return report(hub, "locations", LOCATION, "{\"tokenSha256\":\"" + sha256(token) + "\"}", HubHarness.API_KEY);
    }

    private static List<String> refreshTokenHashesIssuedFor(GhlSimulator simulator, String resource) {
        return simulator.presentations().stream()
            .filter(p -> p.kind() == Presentation.Kind.REFRESH_TOKEN && p.outcome() == Presentation.Outcome.ISSUED
                && resource.equals(p.resourceId()))
            .map(Presentation::tokenHash).toList();
    }

    private long refreshPresentations() {
        return harness.simulator.presentations().stream()
            .filter(p -> p.kind() == Presentation.Kind.REFRESH_TOKEN && p.isPresentation()).count();
    }

    private int locationTokenRequests() {
        return harness.simulator.invariants().requestsPerEndpoint().getOrDefault("POST /oauth/locationToken", 0L)
            .intValue();
    }

    @Test
    void aHundredConcurrentReportsOnTwoInstancesPresentTheRefreshTokenOnceAndAllGetTheNewToken() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().noRefreshGraceWindow().locationCount(3));
        HubHarness.Hub first = harness.startHub(PATIENT);
        HubHarness.Hub second = harness.startHub(PATIENT);
        assertThat(harness.installThroughBrowser(first, AuthorizeRequest.Target.LOCATION, LOCATION, List.of())
            .status()).isEqualTo(200);
        String original = refreshTokenHashesIssuedFor(harness.simulator, LOCATION).get(0);
        Object rejected = harness.locationToken(first, LOCATION).json().get("accessToken");

        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HubHarness.Response>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                HubHarness.Hub hub = i % 2 == 0 ? first : second;
                Callable<HubHarness.Response> report = () -> {
                    start.await();
                    return reportLocation(hub, rejected);
                };
                futures.add(pool.submit(report));
            }
            start.countDown();
            Set<Object> answered = new HashSet<>();
            for (Future<HubHarness.Response> f : futures) {
                HubHarness.Response response = f.get();
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
                answered.add(response.json().get("accessToken"));
            }

            assertThat(harness.presentationsOfRefreshTokenHash(original)).as("presentations of the refresh token")
                .isEqualTo(1);
            assertThat(refreshPresentations()).as("no other refresh token was presented").isEqualTo(1);
            assertThat(answered).hasSize(1).doesNotContain(rejected);
            assertThat(harness.locationToken(second, LOCATION).json().get("accessToken"))
                .isEqualTo(answered.iterator().next());
            assertThat(harness.simulator.invariants().invalidGrantTotal()).isZero();
            assertThat(harness.simulator.invariants().refreshTokensReusedOutsideGrace()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void staleReportsChangeNothingAndReValidationsPerInstallationAreLimited() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().noRefreshGraceWindow().locationCount(3));
        HubHarness.Hub hub = harness.startHub(Map.of("accesshub.token-reports.per-minute", "1"));
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, LOCATION, List.of());
        Object first = harness.locationToken(hub, LOCATION).json().get("accessToken");

        HubHarness.Response stale = reportLocation(hub, "a-token-the-hub-never-issued");
        assertThat(stale.status()).as(stale.body()).isEqualTo(200);
        assertThat(stale.json()).containsEntry("accessToken", first).containsEntry("locationId", LOCATION);
        assertThat(refreshPresentations()).isZero();

        HubHarness.Response renewed = reportLocation(hub, first);
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        Object second = renewed.json().get("accessToken");
        assertThat(second).isNotEqualTo(first);
        assertThat(refreshPresentations()).isEqualTo(1);

        HubHarness.Response limited = reportLocation(hub, second);
        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(limited.json()).containsEntry("code", "report_rate_limited");
        assertThat(limited.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
        assertThat(limited.body()).doesNotContain((String) second);
        assertThat(refreshPresentations()).isEqualTo(1);

        HubHarness.Response staleAgain = reportLocation(hub, first);
        assertThat(staleAgain.status()).as("stale reports are not limited").isEqualTo(200);
        assertThat(staleAgain.json()).containsEntry("accessToken", second);
        assertThat(harness.locationToken(hub, LOCATION).json()).containsEntry("accessToken", second);
    }

    @Test
    void malformedOutOfScopeAndUnauthorizedReportsNeverReachHighLevel() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3));
        HubHarness.Hub hub = harness.startHub();
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, LOCATION, List.of());
        Object token = harness.locationToken(hub, LOCATION).json().get("accessToken");
        String body = "{\"tokenSha256\":\"" + sha256(token) + "\"}";

        for (String malformed : new String[] {null, "", "{}", "not json", "{\"tokenSha256\":\"abc\"}",
            "{\"tokenSha256\":42}", "{\"tokenSha256\":\"" + sha256(token) + "0\"}",
            "{\"tokenSha256\":\"" + token + "\"}"}) {
            HubHarness.Response refused = report(hub, "locations", LOCATION, malformed, HubHarness.API_KEY);
            assertThat(refused.status()).as(String.valueOf(malformed)).isEqualTo(400);
            assertThat(refused.json()).containsEntry("code", "invalid_report");
        }
        assertThat(report(hub, "locations", "bad!id", body, HubHarness.API_KEY).json())
            .containsEntry("code", "invalid_id");
        String companyId = harness.simulator.config().companyId();
        assertThat(report(hub, "companies", "bad!id", body, HubHarness.API_KEY).json())
            .containsEntry("code", "invalid_id");
        assertThat(report(hub, "companies", companyId, "{}", HubHarness.API_KEY).json())
            .containsEntry("code", "invalid_report");
        assertThat(report(hub, "locations", LOCATION, body, null).status()).isEqualTo(401);

        String elsewhere = (String) harness.send("POST", hub.url("/api/v1/admin/api-keys"), HubHarness.API_KEY,
            "{\"name\":\"elsewhere\",\"permissions\":[\"tokens:read\"],\"companies\":[\"another-company\"]}")
            .json().get("key");
        HubHarness.Response outOfScope = report(hub, "locations", LOCATION, body, elsewhere);
        assertThat(outOfScope.status()).as(outOfScope.body()).isEqualTo(404);
        assertThat(outOfScope.json()).containsEntry("code", "not_installed");
        String listOnly = (String) harness.send("POST", hub.url("/api/v1/admin/api-keys"), HubHarness.API_KEY,
            "{\"name\":\"list-only\",\"permissions\":[\"installations:read\"]}").json().get("key");
        assertThat(report(hub, "locations", LOCATION, body, listOnly).status()).isEqualTo(403);
        assertThat(report(hub, "companies", companyId, body, elsewhere).status())
            .as("company reports need company-tokens:read").isEqualTo(403);

        assertThat(refreshPresentations()).isZero();
        assertThat(harness.locationToken(hub, LOCATION).json()).containsEntry("accessToken", token);
    }

    @Test
    void aRevokedMintedLocationTokenReportedRejectedIsReMintedFromItsAgency() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3).noRefreshGraceWindow());
        HubHarness.Hub hub = harness.startHub();
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null, List.of(LOCATION));
        harness.drainProvisioning(hub);
        HubHarness.Response minted = harness.locationToken(hub, LOCATION);
        assertThat(minted.json()).containsEntry("source", "MINTED_FROM_COMPANY");
        Object before = minted.json().get("accessToken");
        String companyId = harness.simulator.config().companyId();
        Object agencyToken = harness.get(hub.url("/api/v1/companies/" + companyId + "/access-token"),
            HubHarness.API_KEY).json().get("accessToken");
        harness.simulator.revokeGrants(companyId, LOCATION);
        int mintsBefore = locationTokenRequests();

        HubHarness.Response renewed = reportLocation(hub, before);

        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        assertThat(renewed.json().get("accessToken")).isNotEqualTo(before);
        assertThat(renewed.json()).containsEntry("source", "MINTED_FROM_COMPANY").containsEntry("locationId", LOCATION);
        assertThat(locationTokenRequests()).as("one new mint from the agency").isEqualTo(mintsBefore + 1);
        assertThat(harness.status(hub, LOCATION)).isEqualTo("ACTIVE");

        HubHarness.Response agencyStale = report(hub, "companies", companyId,
            "{\"tokenSha256\":\"" + sha256("not-the-agency-token") + "\"}", HubHarness.API_KEY);
        assertThat(agencyStale.status()).as(agencyStale.body()).isEqualTo(200);
        assertThat(agencyStale.json()).containsEntry("accessToken", agencyToken).containsEntry("companyId", companyId);
    }
}
