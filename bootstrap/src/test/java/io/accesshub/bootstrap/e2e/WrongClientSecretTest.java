package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.CheckAppCredentialsUseCase;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.marketplace.ClientId;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.Presentation;
import io.accesshub.simulator.SimulatorConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Wrong client secret: HighLevel answers 401 invalid_client to every refresh. No grant changes state or tokens, the
 * app is held after the first refusal (no further refused request), {@code /health} names the app as misconfigured
 * while staying UP, and token reads answer 503 app_misconfigured. With the secret fixed, the credentials check
 * resumes the app and every grant refreshes.
 */
class WrongClientSecretTest {

    private static final List<String> LOCATIONS = List.of("sim-loc-0001", "sim-loc-0002", "sim-loc-0003");

    private HubHarness harness;
    private HubHarness.Hub hub;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRefusedClientSecretChangesNoGrantAndEveryGrantRefreshesOnceItIsFixed() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(LOCATIONS.size()));
        hub = harness.startHub();
        for (String location : LOCATIONS) {
            assertThat(harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, location, List.of())
                .status()).isEqualTo(200);
        }
        String app = ClientId.parse(harness.simulator.config().clientId()).appId().value();
        harness.expireAllAccessTokens();
        harness.sql("UPDATE token_grant SET next_refresh_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 MINUTE)");
        Map<String, Grant> before = grants();
        harness.simulator.rotateClientSecret("regenerated-in-the-marketplace");

        int examined = harness.refreshDueGrants(hub);

        assertThat(examined).isEqualTo(LOCATIONS.size());
        assertThat(refusedRequests()).as("refused requests in the pass: the app is held after the first refusal")
            .isEqualTo(1);
        assertUnchanged(before);
        Map<String, Object> appHealth = appCredentialsHealth();
        assertThat(appHealth).containsEntry("status", "UP");
        assertThat(details(appHealth)).containsOnlyKeys(app);
        assertThat(details(details(appHealth).get(app))).containsEntry("status", "misconfigured");
        for (String location : LOCATIONS) {
            HubHarness.Response read = harness.locationToken(hub, location);
            assertThat(read.status()).as(read.body()).isEqualTo(503);
            assertThat(read.json()).containsEntry("code", "app_misconfigured");
        }
        assertThat(harness.refreshDueGrants(hub)).as("a held app's grants are not even selected").isZero();
        assertThat(refusedRequests()).as("refused requests after the app was held").isEqualTo(1);
        assertUnchanged(before);
        assertThat(harness.simulator.presentations().stream().filter(Presentation::isPresentation)
            .filter(p -> p.kind() == Presentation.Kind.REFRESH_TOKEN).toList())
            .as("no refresh token was spent").isEmpty();

        harness.simulator.restoreClientSecret();
        assertThat(hub.bean(CheckAppCredentialsUseCase.class).recheckRefusedApps())
            .as("apps still refused after the re-check").isZero();
        harness.refreshDueGrants(hub);

        Map<String, Grant> after = grants();
        for (String location : LOCATIONS) {
            assertThat(after.get(location).refreshToken()).as(location).isNotEqualTo(before.get(location).refreshToken());
            assertThat(after.get(location).accessToken()).as(location).isNotEqualTo(before.get(location).accessToken());
            assertThat(harness.status(hub, location)).isEqualTo("ACTIVE");
            HubHarness.Response read = harness.locationToken(hub, location);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json()).containsEntry("accessToken", after.get(location).accessToken().value());
        }
        assertThat(details(appCredentialsHealth())).doesNotContainKey(app);
        assertThat(harness.simulator.invariants().refreshTokensAcceptedMoreThanOnce()).isEmpty();
        assertThat(harness.simulator.invariants().invalidGrantTotal()).isZero();
        assertThat(refusedRequests()).isEqualTo(1);
    }

    private long refusedRequests() {
        return harness.simulator.presentations().stream().filter(Presentation::isClientRefusal).count();
    }

    private void assertUnchanged(Map<String, Grant> before) throws Exception {
        Map<String, Grant> now = grants();
        for (String location : LOCATIONS) {
            assertThat(harness.status(hub, location)).as(location).isEqualTo("ACTIVE");
            Grant was = before.get(location);
            Grant is = now.get(location);
            assertThat(is.refreshToken()).as(location).isEqualTo(was.refreshToken());
            assertThat(is.accessToken()).as(location).isEqualTo(was.accessToken());
            assertThat(is.accessTokenExpiresAt()).as(location).isEqualTo(was.accessTokenExpiresAt());
            assertThat(is.bookkeeping().consecutiveFailures()).as(location).isZero();
        }
        assertThat(harness.count("SELECT COUNT(*) FROM token_grant WHERE attempt_in_flight = FALSE"
            + " AND lease_until IS NULL AND next_refresh_at < UTC_TIMESTAMP(6)"))
            .as("every grant is settled, unleased and still due").isEqualTo(LOCATIONS.size());
        assertThat(harness.count("SELECT COUNT(*) FROM lifecycle_outbox WHERE event_type NOT IN ('INSTALLED', 'ACTIVATED')"))
            .as("no lifecycle event besides the installs").isZero();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Grant> grants() throws Exception {
        GrantRepository grants = hub.bean(GrantRepository.class);
        Map<String, Grant> byLocation = new LinkedHashMap<>();
        for (String location : LOCATIONS) {
            List<Map<String, Object>> items = (List<Map<String, Object>>) harness.get(
                hub.url("/api/v1/installations?locationId=" + location), HubHarness.API_KEY).json().get("items");
            byLocation.put(location, grants.findByInstallationId(InstallationId.parse((String) items.get(0).get("id")))
                .orElseThrow());
        }
        return byLocation;
    }

    /** The {@code appCredentials} component of {@code /health} (read with an admin key), which must answer 200 UP. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> appCredentialsHealth() throws Exception {
        HubHarness.Response health = harness.get(hub.url("/health"), HubHarness.API_KEY); // details: admin keys only
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json()).containsEntry("status", "UP");
        Map<String, Object> components = details(health.json());
        assertThat(components).containsKey("appCredentials");
        return (Map<String, Object>) components.get("appCredentials");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Object component) {
        Map<String, Object> map = (Map<String, Object>) component;
        return map.containsKey("details") ? (Map<String, Object>) map.get("details") : map;
    }
}
