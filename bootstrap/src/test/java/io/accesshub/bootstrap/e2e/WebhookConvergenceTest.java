package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.ProvisionLocationsUseCase;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks and callbacks in any order converge to the same installations. */
class WebhookConvergenceTest {

    private static final String APP = "65f0c0ffee0123456789abcd";

    private HubHarness harness;
    private HubHarness.Hub hub;

    @BeforeEach
    void start() {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(4));
        hub = harness.startHub();
        harness.simulator.setWebhookUrl(hub.url("/webhooks/ghl"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private void deliver(String json) throws Exception {
        assertThat(harness.deliverSigned(hub, json.getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
    }

    private static String install(String location, Instant at) {
        return "{\"type\":\"INSTALL\",\"appId\":\"" + APP + "\",\"installType\":\"Location\",\"locationId\":\"" + location
            + "\",\"companyId\":\"sim-company-1\",\"timestamp\":\"" + at + "\",\"webhookId\":\"" + UUID.randomUUID() + "\"}";
    }

    private static String uninstall(String location, Instant at) {
        return "{\"type\":\"UNINSTALL\",\"appId\":\"" + APP + "\",\"locationId\":\"" + location + "\",\"timestamp\":\""
            + at + "\",\"webhookId\":\"" + UUID.randomUUID() + "\"}";
    }

    @Test
    void anUninstallBeatsAnOlderInstallThatArrivesLaterAndANewerInstallReinstalls() throws Exception {
        Instant t1 = Instant.now().minusSeconds(60);
        Instant t2 = t1.plusSeconds(10);
        harness.sql("DELETE FROM installation");
        // the location is known (companyId comes with INSTALL), then the UNINSTALL at t2 arrives before the INSTALL at t1
        deliver(install("sim-loc-0003", t1.minusSeconds(30)));
        harness.processWebhooks(hub);
        deliver(uninstall("sim-loc-0003", t2));
        deliver(install("sim-loc-0003", t1));
        harness.processWebhooks(hub);
        assertThat(harness.status(hub, "sim-loc-0003")).isEqualTo("UNINSTALLED");

        deliver(install("sim-loc-0003", t2.plusSeconds(5)));
        harness.processWebhooks(hub);
        assertThat(harness.status(hub, "sim-loc-0003")).as("a newer INSTALL reinstalls (awaiting its grant)")
            .isEqualTo("PENDING");
    }

    @Test
    void aCallbackThenTheSimulatorsInstallAndUninstallWebhooksConverge() throws Exception {
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of());
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        harness.processWebhooks(hub);
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("ACTIVE");
        assertThat(harness.locationToken(hub, "sim-loc-0001").status()).isEqualTo(200);

        harness.simulator.uninstall(harness.simulator.config().companyId(), "sim-loc-0001");
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        harness.processWebhooks(hub);

        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("UNINSTALLED");
        assertThat(harness.locationToken(hub, "sim-loc-0001").status()).isEqualTo(404);
        assertThat(hub.bean(WebhookInbox.class).countByStatus("DONE")).isEqualTo(2);
    }

    @Test
    void anAgencyUninstallCascadesToEveryMintedLocation() throws Exception {
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null, List.of("sim-loc-0001", "sim-loc-0002"));
        ProvisionLocationsUseCase provisioning = hub.bean(ProvisionLocationsUseCase.class);
        while (provisioning.provisionNextPage()) {
            // drain
        }
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        harness.processWebhooks(hub);
        assertThat(harness.status(hub, "sim-loc-0002")).isEqualTo("ACTIVE");

        harness.simulator.uninstall(harness.simulator.config().companyId(), null);
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        harness.processWebhooks(hub);

        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("UNINSTALLED");
        assertThat(harness.status(hub, "sim-loc-0002")).isEqualTo("UNINSTALLED");
        assertThat(harness.get(hub.url("/api/v1/companies/sim-company-1/access-token"), HubHarness.API_KEY).status())
            .isEqualTo(404);
    }

    @Test
    void aLocationCreatedUnderAFutureLocationsAgencyIsMinted() throws Exception {
        HubHarness.Response callback = harness.get(harness.simulator.authorize(AuthorizeRequest.forAgency(
                harness.simulator.config().clientId(), harness.simulator.config().redirectUris().get(0),
                harness.simulator.config().scopeString(), List.of(), true)).redirectUrl()
            .replaceFirst("localhost:\\d+", "127.0.0.1:" + hub.server().getPort()), null);
        assertThat(callback.status()).isEqualTo(200);
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        harness.processWebhooks(hub);

        String created = harness.simulator.createLocation("New shop");
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        harness.processWebhooks(hub);

        assertThat(harness.status(hub, created)).isEqualTo("ACTIVE");
        assertThat(harness.locationToken(hub, created).json()).containsEntry("source", "MINTED_FROM_COMPANY");
    }

    @Test
    void deadLettersAreListedForAdminsAndReplayed() throws Exception {
        deliver(install("sim-loc-0004", Instant.now()));
        harness.sql("UPDATE webhook_inbox SET status = 'DEAD', attempts = 8, last_error = 'simulated failure'");

        HubHarness.Response list = harness.get(hub.url("/api/v1/admin/webhooks/dead-letters"), HubHarness.API_KEY);
        assertThat(list.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> items = (List<java.util.Map<String, Object>>) list.json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).containsEntry("type", "INSTALL").containsEntry("lastError", "simulated failure");

        long id = ((Number) items.get(0).get("id")).longValue();
        HttpRequest replay = HttpRequest.newBuilder(URI.create(hub.url("/api/v1/admin/webhooks/dead-letters/" + id
                + "/replay"))).header("Authorization", "Bearer " + HubHarness.API_KEY)
            .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(harness.http.send(replay, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        harness.processWebhooks(hub);

        assertThat(harness.status(hub, "sim-loc-0004")).isEqualTo("PENDING");
        assertThat(hub.bean(WebhookInbox.class).countByStatus("DEAD")).isZero();
    }

    @Test
    void reconciliationRepairsADroppedInstall() throws Exception {
        HubHarness.Response callback = harness.get(harness.simulator.authorize(AuthorizeRequest.forAgency(
                harness.simulator.config().clientId(), harness.simulator.config().redirectUris().get(0),
                harness.simulator.config().scopeString(), List.of(), true)).redirectUrl()
            .replaceFirst("localhost:\\d+", "127.0.0.1:" + hub.server().getPort()), null);
        assertThat(callback.status()).isEqualTo(200);
        ProvisionLocationsUseCase provisioning = hub.bean(ProvisionLocationsUseCase.class);
        while (provisioning.provisionNextPage()) {
            // drain
        }
        harness.simulator.setWebhookUrl(null);
        String created = harness.simulator.createLocation("Installed while our webhooks were lost");
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        assertThat(harness.status(hub, created)).as("its INSTALL was dropped").isEqualTo("NONE");

        hub.bean(io.accesshub.application.port.in.ReconcileInstallationsUseCase.class).reconcileAgencies();
        while (provisioning.provisionNextPage()) {
            // drain
        }

        assertThat(harness.status(hub, created)).isEqualTo("ACTIVE");
    }
}
