package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plans and scope drift (issue 13, items 3 and 5) on the real database and the simulator: the plan from the callback
 * and from PLAN_CHANGE is stored, shown and announced; an install granted fewer scopes than the app is configured with
 * is listed with the scopes it lacks and a link to consent again.
 */
class PlansAndScopesTest {

    private HubHarness harness;

    @AfterEach
    void close() {
        harness.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> installationOf(HubHarness.Hub hub, String locationId) throws Exception {
        HubHarness.Response list = harness.get(hub.url("/api/v1/installations?locationId=" + locationId),
            HubHarness.API_KEY);
        return ((List<Map<String, Object>>) list.json().get("items")).get(0);
    }

    @Test
    void thePlanOfTheCallbackIsShownAndAPlanChangeUpdatesItAndIsAnnounced() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(2).planId("plan-basic"));
        HubHarness.Hub hub = harness.startHub();
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of());
        assertThat(installationOf(hub, "sim-loc-0001")).containsEntry("planId", "plan-basic");

        harness.simulator.setWebhookUrl(hub.url("/webhooks/ghl"));
        harness.simulator.changePlan("sim-loc-0001", "plan-pro");
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(10))).isTrue();
        harness.processWebhooks(hub);

        assertThat(installationOf(hub, "sim-loc-0001")).containsEntry("planId", "plan-pro");
        assertThat(harness.count("SELECT COUNT(*) FROM lifecycle_outbox WHERE event_type = 'PLAN_CHANGED'"
            + " AND location_id = 'sim-loc-0001' AND plan_id = 'plan-pro'")).isEqualTo(1L);
    }

    @Test
    void anInstallGrantedFewerScopesThanConfiguredIsListedWithTheMissingScopesAndAReconsentLink() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(2));
        String registered = harness.simulator.config().scopeString();
        String withoutOne = registered.replace("contacts.write", "").replaceAll("\\s+", " ").trim();
        assertThat(withoutOne).as("the simulator registers contacts.write").isNotEqualTo(registered);
        HubHarness.Hub before = harness.startHub(Map.of("accesshub.apps.main.scopes", withoutOne));
        harness.installThroughBrowser(before, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of());
        Map<String, Object> complete = installationOf(before, "sim-loc-0001");
        assertThat((List<?>) complete.getOrDefault("missingScopes", List.of())).isEmpty();
        assertThat(complete.get("reconsentUrl")).isNull();

        // The app now asks for contacts.write too: the earlier install lacks it.
        HubHarness.Hub after = harness.startHub(Map.of("accesshub.apps.main.scopes", registered));

        Map<String, Object> drifted = installationOf(after, "sim-loc-0001");
        assertThat(drifted).containsEntry("status", "ACTIVE").containsEntry("missingScopes", List.of("contacts.write"));
        assertThat((String) drifted.get("reconsentUrl")).startsWith("/oauth/install?app=");
    }
}
