package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.accesshub.application.port.out.DatabaseReachability;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.RefreshLease;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.simulator.AuthorizeRequest;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Holder killed after the send: an instance takes the lease, records the attempt, presents the refresh token
 * (HighLevel rotates the pair) and dies without storing the answer or releasing the lease. Another instance waits
 * while the holder may be alive (its lease expired less than {@code holder-gone-after} ago, judged on time the
 * database was reachable), then recovers the pair inside HighLevel's grace window, or, with no grace window and the
 * attempt long past, marks the grant needs_reauth with the reason REFRESH_HOLDER_LOST and a lifecycle event.
 */
class HolderKilledTest {

    private static final String LOCATION = "sim-loc-0001";
    private static final Duration HOLDER_GONE_AFTER = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private HubHarness harness;
    private HubHarness.Hub first;
    private HubHarness.Hub second;
    private InstallationId installation;
    private String presentedHash;

    private void start(SimulatorConfig.Builder simulator) throws Exception {
        // The simulator's clock stands still: its grace window is not what this test measures.
        harness = new HubHarness(simulator.clockMode(SimulatorConfig.ClockMode.FROZEN).locationCount(3));
        Map<String, Object> properties = Map.of("accesshub.refresh.holder-gone-after",
            HOLDER_GONE_AFTER.toSeconds() + "s");
        first = harness.startHub(properties);
        second = harness.startHub(properties);
        // Each instance starts pinging its database on first use (in production its schedulers use it at startup):
        // start both now, so that they have seen the database long enough before any holder is judged.
        first.bean(DatabaseReachability.class);
        second.bean(DatabaseReachability.class);
        assertThat(harness.installThroughBrowser(first, AuthorizeRequest.Target.LOCATION, LOCATION, List.of())
            .status()).isEqualTo(200);
        installation = InstallationId.parse((String) installationJson().get("id"));
        harness.expireAllAccessTokens();
        // Both judges have seen the database long enough: the judgements below depend on the lease alone.
        harness.awaitDatabaseReachableFor(first, HOLDER_GONE_AFTER);
        harness.awaitDatabaseReachableFor(second, HOLDER_GONE_AFTER);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /**
     * The killed holder, on the first instance's lease port: lease, attempt recorded, refresh token presented and
     * rotated by HighLevel; then nothing (no completion, no release). Returns HighLevel's answer as the holder got it.
     */
    private Map<String, Object> holderSendsAndDies() throws Exception {
        Grant grant = storedGrant();
        presentedHash = GhlSimulator.hash(grant.refreshToken().orElseThrow().value());
        RefreshLeases leases = first.bean(RefreshLeases.class);
        RefreshLease lease = leases.acquire(installation, "killed", Duration.ofSeconds(30)).orElseThrow();
        assertThat(leases.recordAttempt(lease, Duration.ZERO)).isTrue();
        SimulatorConfig c = harness.simulator.config();
        String form = "client_id=" + enc(c.clientId()) + "&client_secret=" + enc(c.clientSecret())
            + "&grant_type=refresh_token&refresh_token=" + enc(grant.refreshToken().orElseThrow().value());
        HttpResponse<String> rotated = harness.http.send(HttpRequest.newBuilder(URI.create(harness.simulator.baseUrl()
                + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> pair = JSON.readValue(rotated.body(), Map.class);
        return pair;
    }

    @Test
    void graceOnAnotherInstanceRecoversThePairTheKilledHolderWasGiven() throws Exception {
        start(SimulatorConfig.builder());
        Map<String, Object> pair = holderSendsAndDies();
        // The holder died 8 s ago; its lease ran out 6 s ago (longer than holder-gone-after), well inside the hub's
        // 20 s grace window for the attempt.
        harness.sql("UPDATE token_grant SET last_attempt_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 8 SECOND),"
            + " lease_until = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 6 SECOND)");
        harness.awaitDatabaseReachableFor(second, HOLDER_GONE_AFTER);

        HubHarness.Response read = harness.locationToken(second, LOCATION);

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json()).containsEntry("accessToken", pair.get("access_token"));
        Grant stored = storedGrant();
        assertThat(stored.refreshToken().orElseThrow().value()).as("the pair HighLevel gave the killed holder")
            .isEqualTo(pair.get("refresh_token"));
        assertThat(GhlSimulator.hash(stored.refreshToken().orElseThrow().value())).isEqualTo(lastIssuedRefreshTokenHash());
        assertThat(harness.simulator.invariants().refreshTokensAcceptedMoreThanOnce()).isEmpty();
        assertThat(harness.simulator.invariants().graceReplays()).isEqualTo(1);
        assertThat(harness.presentationsOfRefreshTokenHash(presentedHash))
            .as("the holder's presentation and one grace-window retry").isEqualTo(2);
        assertThat(harness.status(second, LOCATION)).isEqualTo("ACTIVE");
        assertThat(harness.count("SELECT COUNT(*) FROM token_grant WHERE attempt_in_flight = FALSE"
            + " AND lease_until IS NULL AND next_refresh_at > UTC_TIMESTAMP(6)")).isEqualTo(1);
        assertThat(harness.count("SELECT COUNT(*) FROM lifecycle_outbox WHERE event_type = 'NEEDS_REAUTH'")).isZero();
    }

    @Test
    void graceOffTheGrantStaysUncertainWhileTheHolderMayLiveAndNeedsReauthOnceItIsGone() throws Exception {
        start(SimulatorConfig.builder().noRefreshGraceWindow());
        holderSendsAndDies();
        // The lease ran out a second ago: the holder may still be storing its answer.
        harness.sql("UPDATE token_grant SET lease_until = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND)");

        for (HubHarness.Hub hub : List.of(second, first)) {
            HubHarness.Response waiting = harness.locationToken(hub, LOCATION);
            assertThat(waiting.status()).as(waiting.body()).isEqualTo(503);
            assertThat(waiting.headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(harness.status(second, LOCATION)).isEqualTo("ACTIVE");
        assertThat(harness.presentationsOfRefreshTokenHash(presentedHash))
            .as("no second presentation while the holder may be alive").isEqualTo(1);
        assertThat(harness.count("SELECT COUNT(*) FROM token_grant WHERE attempt_in_flight = TRUE")).isEqualTo(1);

        // The holder is gone: its lease (and so its attempt) lies far in the past, and the judge saw the database
        // throughout.
        harness.sql("UPDATE token_grant SET last_attempt_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 11 MINUTE),"
            + " lease_until = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 10 MINUTE)");
        harness.awaitDatabaseReachableFor(second, HOLDER_GONE_AFTER);

        HubHarness.Response lost = harness.locationToken(second, LOCATION);

        assertThat(lost.status()).as(lost.body()).isEqualTo(409);
        assertThat(lost.json()).containsEntry("code", "reauthorization_required");
        Map<String, Object> shown = installationJson();
        assertThat(shown).containsEntry("status", "NEEDS_REAUTH").containsEntry("reason", "REFRESH_HOLDER_LOST");
        assertThat(harness.count("SELECT COUNT(*) FROM lifecycle_outbox WHERE event_type = 'NEEDS_REAUTH'"
            + " AND reason = 'REFRESH_HOLDER_LOST' AND status = 'NEEDS_REAUTH'"
            + " AND installation_id = '" + installation + "'")).as("the lifecycle event that says why").isEqualTo(1);
        assertThat(harness.presentationsOfRefreshTokenHash(presentedHash))
            .as("the spent refresh token is never presented again").isEqualTo(1);
        assertThat(harness.simulator.invariants().invalidGrantTotal()).isZero();
        assertThat(harness.count("SELECT COUNT(*) FROM token_grant WHERE next_refresh_at IS NULL"
            + " AND attempt_in_flight = FALSE AND lease_until IS NULL")).as("parked").isEqualTo(1);
        assertThat(harness.locationToken(first, LOCATION).status()).isEqualTo(409);
        assertThat(harness.presentationsOfRefreshTokenHash(presentedHash)).isEqualTo(1);
    }

    private Grant storedGrant() {
        return second.bean(GrantRepository.class).findByInstallationId(installation).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> installationJson() throws Exception {
        HubHarness.Response list = harness.get(first.url("/api/v1/installations?locationId=" + LOCATION),
            HubHarness.API_KEY);
        return ((List<Map<String, Object>>) list.json().get("items")).get(0);
    }

    private String lastIssuedRefreshTokenHash() {
        List<Presentation> issued = harness.simulator.presentations().stream()
            .filter(p -> p.kind() == Presentation.Kind.REFRESH_TOKEN && p.outcome() == Presentation.Outcome.ISSUED)
            .toList();
        return issued.get(issued.size() - 1).tokenHash();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
