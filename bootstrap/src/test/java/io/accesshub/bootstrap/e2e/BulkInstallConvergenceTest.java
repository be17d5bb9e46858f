package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.ProcessWebhooksUseCase;
import io.accesshub.application.port.in.ProvisionLocationsUseCase;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.InvariantReport;
import io.accesshub.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bulk agency install of 250 locations whose INSTALL webhooks arrive duplicated, in reverse order and partly before
 * the OAuth callback converges to 250 minted locations without a 429, and the agency's uninstall takes them all.
 */
class BulkInstallConvergenceTest {

    private static final int LOCATIONS = 250;

    private HubHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aBulkInstallWithScrambledWebhooksConvergesAndAnAgencyUninstallCascades() throws Exception {
        // HighLevel's real limit is 100 per 10 s (1,000 mints take >= 100 s: bench/bulk-install.sh measures that);
        // here both sides run ten times faster so the scenario stays short while the pacing is still what is tested.
        harness = new HubHarness(SimulatorConfig.builder().locationCount(LOCATIONS)
            .rateLimitWindow(Duration.ofSeconds(1)));
        HubHarness.Hub hub = harness.startHub(Map.of("accesshub.highlevel.window", "1s"));
        harness.simulator.setWebhookUrl(hub.url("/webhooks/ghl"));
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= LOCATIONS; i++) {
            all.add(String.format("sim-loc-%04d", i));
        }

        harness.simulator.holdWebhooks();
        harness.simulator.webhookOptions(true, Duration.ZERO);
        String callback = harness.consent(hub, AuthorizeRequest.Target.AGENCY, null, all);
        harness.simulator.releaseWebhooks(true);
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(60))).isTrue();
        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox")).as("duplicates stored once")
            .isEqualTo(LOCATIONS + 1);

        ProcessWebhooksUseCase processing = hub.bean(ProcessWebhooksUseCase.class);
        for (int i = 0; i < LOCATIONS / 2; i++) {
            processing.processNext();
        }
        assertThat(harness.completeInstall(hub, callback).status()).isEqualTo(200);

        // what the schedulers do in the background: the rest of the inbox and the provisioning queue, concurrently
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            Future<?> inbox = workers.submit(() -> {
                while (processing.processNext()) {
                    // drain
                }
            });
            Future<?> provisioning = workers.submit(() -> {
                ProvisionLocationsUseCase queue = hub.bean(ProvisionLocationsUseCase.class);
                while (queue.provisionNextPage()) {
                    // drain
                }
            });
            inbox.get();
            provisioning.get();
        } finally {
            workers.shutdownNow();
        }

        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'DONE'")).isEqualTo(LOCATIONS + 1);
        assertThat(harness.count("SELECT COUNT(*) FROM installation i JOIN token_grant g ON g.installation_id = i.id"
            + " WHERE i.location_id IS NOT NULL AND i.status = 'ACTIVE' AND g.source = 'MINTED_FROM_COMPANY'"))
            .isEqualTo(LOCATIONS);
        assertThat(harness.locationToken(hub, "sim-loc-0137").json()).containsEntry("source", "MINTED_FROM_COMPANY");
        InvariantReport report = harness.simulator.invariants();
        assertThat(report.tooManyRequests()).as("429s; requests %s", report.requestsPerEndpoint()).isZero();
        assertThat(report.clean()).isTrue();
        assertThat(report.requestsPerEndpoint().get("GET /oauth/installedLocations")).as("every page of 100 read")
            .isGreaterThanOrEqualTo(3);

        harness.simulator.uninstall(harness.simulator.config().companyId(), null);
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(60))).isTrue();
        while (processing.processNext()) {
            // drain
        }

        assertThat(harness.count("SELECT COUNT(*) FROM installation WHERE status = 'UNINSTALLED'"))
            .as("the agency and every location").isEqualTo(LOCATIONS + 1);
        assertThat(harness.count("SELECT COUNT(*) FROM token_grant")).as("tokens erased").isZero();
        assertThat(harness.locationToken(hub, "sim-loc-0137").status()).isEqualTo(404);
    }
}
