package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.SimulatorConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Browser installs end to end: the hub, the simulated HighLevel and the real database. */
class InstallFlowTest {

    private HubHarness harness;
    private HubHarness.Hub hub;

    @BeforeEach
    void start() {
        harness = new HubHarness(SimulatorConfig.builder().fastTestProfile().locationCount(5));
        hub = harness.startHub();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aLocationInstallIsStoredActiveAndItsTokenIsServed() throws Exception {
        HubHarness.Response callback = harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION,
            "sim-loc-0002", List.of());

        assertThat(callback.status()).isEqualTo(200);
        assertThat(callback.body()).contains("App installed", "sim-loc-0002");
        assertThat(harness.status(hub, "sim-loc-0002")).isEqualTo("ACTIVE");
        HubHarness.Response token = harness.locationToken(hub, "sim-loc-0002");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(token.json()).containsEntry("locationId", "sim-loc-0002").containsEntry("tokenType", "Bearer")
            .containsEntry("source", "DIRECT_INSTALL");
        assertThat((String) token.json().get("accessToken")).startsWith("sim_at_");
    }

    @Test
    void theInstallLinkIsAFoundRedirectToTheAuthorizationPageWithAFreshState() throws Exception {
        HubHarness.Response first = harness.get(hub.url("/oauth/install"), null);
        HubHarness.Response second = harness.get(hub.url("/oauth/install"), null);

        assertThat(first.status()).as("302 Found, never 301 Moved Permanently").isEqualTo(302);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(harness.simulator.baseUrl() + "/v2/oauth/chooselocation?")
            .contains("client_id=" + harness.simulator.config().clientId(), "state=");
        assertThat(second.status()).isEqualTo(302);
        assertThat(second.headers().firstValue("Location")).isPresent().get().isNotEqualTo(location);
    }

    @Test
    void aConfiguredSuccessUrlIsASeeOtherRedirectAfterTheInstall() throws Exception {
        HubHarness.Hub redirecting = harness.startHub(Map.of("accesshub.install.success-redirect-url",
            "https://app.example.com/installed?done=1"));

        HubHarness.Response callback = harness.installThroughBrowser(redirecting, AuthorizeRequest.Target.LOCATION,
            "sim-loc-0003", List.of());

        assertThat(callback.status()).as("303 See Other, never 301 Moved Permanently").isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
            .startsWith("https://app.example.com/installed?done=1&accesshub_install="));
        assertThat(harness.status(redirecting, "sim-loc-0003")).isEqualTo("ACTIVE");
    }

    @Test
    void anAgencyBulkInstallStoresTheCompanyGrant() throws Exception {
        HubHarness.Response callback = harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null,
            List.of("sim-loc-0001", "sim-loc-0003"));

        assertThat(callback.status()).isEqualTo(200);
        HubHarness.Response company = harness.get(hub.url("/api/v1/companies/sim-company-1/access-token"),
            HubHarness.API_KEY);
        assertThat(company.status()).isEqualTo(200);
        assertThat(company.json()).containsEntry("companyId", "sim-company-1").containsEntry("locationId", null);
    }

    @Test
    void aReplayedCallbackIsRefusedAndAForgedStateStoresNothing() throws Exception {
        String install = harness.get(hub.url("/oauth/install"), null).headers().firstValue("Location").orElseThrow();
        String callback = harness.simulator.authorize(AuthorizeRequest.fromAuthorizationUrl(install,
            AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of(), false)).redirectUrl()
            .replaceFirst("localhost:\\d+", "127.0.0.1:" + hub.server().getPort());

        assertThat(harness.get(callback, null).status()).isEqualTo(200);
        HubHarness.Response replay = harness.get(callback, null);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body()).contains("state_reused");

        String forged = harness.simulator.authorize(AuthorizeRequest.forLocation(harness.simulator.config().clientId(),
                harness.simulator.config().redirectUris().get(0), harness.simulator.config().scopeString(), "sim-loc-0004")
            .withState("forged-state")).redirectUrl().replaceFirst("localhost:\\d+", "127.0.0.1:" + hub.server().getPort());
        HubHarness.Response refused = harness.get(forged, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("state_unknown").doesNotContain("code_");
        assertThat(harness.status(hub, "sim-loc-0004")).isEqualTo("NONE");
    }

    @Test
    void aMarketplaceInitiatedInstallWithoutStateIsAcceptedAndACodeUsedTwiceIsRefused() throws Exception {
        String callback = harness.simulator.authorize(AuthorizeRequest.forLocation(harness.simulator.config().clientId(),
                harness.simulator.config().redirectUris().get(0), harness.simulator.config().scopeString(), "sim-loc-0005"))
            .redirectUrl().replaceFirst("localhost:\\d+", "127.0.0.1:" + hub.server().getPort());

        assertThat(harness.get(callback, null).status()).isEqualTo(200);
        HubHarness.Response again = harness.get(callback, null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("code_rejected");
    }

    @Test
    void theTokenApiNeedsAKeyWithThePermissionAndAnswersProblems() throws Exception {
        assertThat(harness.get(hub.url("/api/v1/locations/sim-loc-0001/access-token"), null).status()).isEqualTo(401);
        HubHarness.Response missing = harness.locationToken(hub, "sim-loc-0001");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
            t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(missing.json()).containsEntry("code", "not_installed");
        assertThat(harness.locationToken(hub, "bad%20id!").status()).isIn(400, 404);
    }

    @Test
    void theUnknownAppInstallLinkIsANotFoundPage() throws Exception {
        HubHarness.Response response = harness.get(hub.url("/oauth/install?app=nosuchapp"), null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("unknown_app");
    }

    @Test
    void theOpenApiDocumentIsServedWithoutAKey() throws Exception {
        HubHarness.Response document = harness.get(hub.url("/openapi/accesshub-api-v1.yml"), null);

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body()).contains("openapi: 3", "/api/v1/locations/{locationId}/access-token",
            "AccessTokenResponse", "/oauth/callback");
    }
}
