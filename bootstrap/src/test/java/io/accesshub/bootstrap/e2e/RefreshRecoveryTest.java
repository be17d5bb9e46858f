package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.RefreshLease;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.Fault;
import io.accesshub.simulator.FaultEndpoint;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.Presentation;
import io.accesshub.simulator.SimulatorConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lost responses, crashes between send and save, and long outages: no grant lost, never a wrong needs-reauth. */
class RefreshRecoveryTest {

    private HubHarness harness;
    private HubHarness.Hub hub;

    private void start(SimulatorConfig.Builder simulator) throws Exception {
        harness = new HubHarness(simulator.locationCount(3));
        hub = harness.startHub();
        assertThat(harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of())
            .status()).isEqualTo(200);
        harness.expireAllAccessTokens();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Grant storedGrant() {
        GrantRepository grants = hub.bean(GrantRepository.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) get("/api/v1/installations?locationId=sim-loc-0001")
            .json().get("items");
        return grants.findByInstallationId(InstallationId.parse((String) items.get(0).get("id"))).orElseThrow();
    }

    private HubHarness.Response get(String path) {
        try {
            return harness.get(hub.url(path), HubHarness.API_KEY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String lastIssuedRefreshTokenHash() {
        List<Presentation> issued = harness.simulator.presentations().stream()
            .filter(p -> p.kind() == Presentation.Kind.REFRESH_TOKEN && p.outcome() == Presentation.Outcome.ISSUED)
            .toList();
        return issued.get(issued.size() - 1).tokenHash();
    }

    @Test
    void aLostRefreshResponseIsRecoveredInsideTheGraceWindowWithTheNewestPairStored() throws Exception {
        start(SimulatorConfig.builder());
        String presented = GhlSimulator.hash(storedGrant().refreshToken().orElseThrow().value());
        harness.simulator.inject(Fault.dropResponse(FaultEndpoint.TOKEN));

        HubHarness.Response read = harness.locationToken(hub, "sim-loc-0001");

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(GhlSimulator.hash(storedGrant().refreshToken().orElseThrow().value()))
            .as("the stored refresh token is the newest HighLevel issued").isEqualTo(lastIssuedRefreshTokenHash())
            .isNotEqualTo(presented);
        assertThat(harness.simulator.invariants().graceReplays()).isEqualTo(1);
        assertThat(harness.simulator.invariants().refreshTokensAcceptedMoreThanOnce()).isEmpty();
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("ACTIVE");
    }

    @Test
    void aCrashBetweenSendAndSaveIsRecoveredByTheNextHolder() throws Exception {
        start(SimulatorConfig.builder());
        Grant grant = storedGrant();
        RefreshLeases leases = hub.bean(RefreshLeases.class);
        // The crashed instance: takes the lease, records the attempt, HighLevel rotates the token, then it dies.
        RefreshLease crashed = leases.acquire(grant.installationId(), "crashed-instance", Duration.ofSeconds(30))
            .orElseThrow();
        assertThat(leases.recordAttempt(crashed, Duration.ZERO)).isTrue();
        SimulatorConfig c = harness.simulator.config();
        String form = "client_id=" + enc(c.clientId()) + "&client_secret=" + enc(c.clientSecret())
            + "&grant_type=refresh_token&refresh_token=" + enc(grant.refreshToken().orElseThrow().value());
        HttpResponse<String> rotated = harness.http.send(HttpRequest.newBuilder(URI.create(harness.simulator.baseUrl()
                + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rotated.statusCode()).isEqualTo(200);
        // The holder dies without cleanup: its lease runs out on its own, and the judge saw the database throughout.
        harness.sql("UPDATE token_grant SET lease_until = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 5 SECOND)");
        harness.awaitDatabaseReachableFor(hub, Duration.ofSeconds(2));

        HubHarness.Response read = harness.locationToken(hub, "sim-loc-0001");

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(GhlSimulator.hash(storedGrant().refreshToken().orElseThrow().value()))
            .isEqualTo(lastIssuedRefreshTokenHash());
        assertThat(harness.simulator.invariants().refreshTokensAcceptedMoreThanOnce()).isEmpty();
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("ACTIVE");
    }

    @Test
    void aLongOutageDegradesButNeverAsksForReauthorization() throws Exception {
        start(SimulatorConfig.builder().noRefreshGraceWindow());
        harness.simulator.inject(Fault.status(FaultEndpoint.TOKEN, 503).persistent());

        for (int i = 0; i < 12; i++) {
            HubHarness.Response read = harness.locationToken(hub, "sim-loc-0001");
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.json()).containsEntry("code", "marketplace_unavailable");
            harness.simulator.clock().advance(Duration.ofMinutes(5));
        }
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("DEGRADED");

        harness.simulator.clearFaults();
        HubHarness.Response recovered = harness.locationToken(hub, "sim-loc-0001");
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("ACTIVE");
        assertThat(harness.simulator.invariants().invalidGrantTotal()).isZero();
    }

    @Test
    void aLocationThatIsNotActiveIsSuspendedAndKeepsItsRefreshToken() throws Exception {
        start(SimulatorConfig.builder().noRefreshGraceWindow());
        harness.simulator.setLocationActive("sim-loc-0001", false);

        HubHarness.Response read = harness.locationToken(hub, "sim-loc-0001");
        assertThat(read.status()).isEqualTo(409);
        assertThat(read.json()).containsEntry("code", "suspended");
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("SUSPENDED");

        harness.simulator.setLocationActive("sim-loc-0001", true);
        assertThat(harness.locationToken(hub, "sim-loc-0001").status()).isEqualTo(200);
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("ACTIVE");
    }

    @Test
    void aRevokedGrantWithoutRecoveryPathNeedsReauthorization() throws Exception {
        start(SimulatorConfig.builder().noRefreshGraceWindow());
        harness.simulator.revokeGrants(harness.simulator.config().companyId(), "sim-loc-0001");

        HubHarness.Response read = harness.locationToken(hub, "sim-loc-0001");

        assertThat(read.status()).isEqualTo(409);
        assertThat(read.json()).containsEntry("code", "reauthorization_required");
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("NEEDS_REAUTH");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
