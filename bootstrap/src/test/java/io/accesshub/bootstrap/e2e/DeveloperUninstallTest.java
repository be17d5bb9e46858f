package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.DispatchLifecycleEventsUseCase;
import io.accesshub.application.port.in.RetryUninstallsUseCase;
import io.accesshub.bootstrap.e2e.RecordingExtensions.RecordingLifecycleListener;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.Fault;
import io.accesshub.simulator.FaultEndpoint;
import io.accesshub.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /api/v1/installations/{id}}: the app is removed at HighLevel (the simulator) first, then the hub erases
 * the tokens, records the uninstall and tells listeners; with HighLevel down the request waits in the database and
 * the background retry (driven here by hand) finishes it.
 */
class DeveloperUninstallTest {

    private static final String UNINSTALL_ENDPOINT = "DELETE /marketplace/app/{appId}/installations";

    private HubHarness harness;
    private HubHarness.Hub hub;

    @BeforeEach
    void start() {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(4).noRefreshGraceWindow());
        hub = harness.startHub(Map.of("e2e.extensions", "true"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** Installs the app for the agency with these locations and mints their tokens; returns the agency's id. */
    private String installAgency(List<String> locations) throws Exception {
        assertThat(harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null, locations).status())
            .isEqualTo(200);
        harness.drainProvisioning(hub);
        for (String location : locations) {
            assertThat(harness.status(hub, location)).isEqualTo("ACTIVE");
        }
        return agencyId();
    }

    @SuppressWarnings("unchecked")
    private String agencyId() throws Exception {
        HubHarness.Response list = harness.get(hub.url("/api/v1/installations?companyId="
            + harness.simulator.config().companyId()), HubHarness.API_KEY);
        return ((List<Map<String, Object>>) list.json().get("items")).stream()
            .filter(i -> "Company".equals(i.get("userType"))).map(i -> (String) i.get("id")).findFirst()
            .orElseThrow();
    }

    private HubHarness.Response uninstall(String id, String body) throws Exception {
        return harness.send("DELETE", hub.url("/api/v1/installations/" + id), HubHarness.API_KEY, body);
    }

    private long uninstallCalls() {
        return harness.simulator.invariants().requestsPerEndpoint().getOrDefault(UNINSTALL_ENDPOINT, 0L);
    }

    private List<InstallationEvent> dispatchedUninstalls() {
        DispatchLifecycleEventsUseCase dispatch = hub.bean(DispatchLifecycleEventsUseCase.class);
        while (dispatch.dispatchBatch() > 0) {
            // drain
        }
        return hub.bean(RecordingLifecycleListener.class).events.stream()
            .filter(e -> e.type() == InstallationEventType.UNINSTALLED).toList();
    }

    private void assertEverythingRemoved(String agency, List<String> locations) throws Exception {
        HubHarness.Response shown = harness.get(hub.url("/api/v1/installations/" + agency), HubHarness.API_KEY);
        assertThat(shown.json()).containsEntry("status", "UNINSTALLED").containsEntry("reason",
            "UNINSTALLED_BY_DEVELOPER").containsEntry("grant", null).containsEntry("pendingUninstall", null);
        assertThat(harness.simulator.isCompanyInstalled()).isFalse();
        for (String location : locations) {
            assertThat(harness.simulator.isInstalled(location)).as(location).isFalse();
            assertThat(harness.status(hub, location)).as(location).isEqualTo("UNINSTALLED");
            assertThat(harness.locationToken(hub, location).status()).as(location).isNotEqualTo(200);
        }
        assertThat(harness.count("SELECT COUNT(*) FROM token_grant")).as("every token erased").isZero();
        assertThat(harness.count("SELECT COUNT(*) FROM developer_uninstall")).as("nothing left to retry").isZero();
    }

    @Test
    void uninstallingAnAgencyRemovesItAtHighLevelAndErasesItsTokensAndItsMintedLocationsTokens() throws Exception {
        harness.simulator.setWebhookUrl(hub.url("/webhooks/ghl"));
        List<String> locations = List.of("sim-loc-0001", "sim-loc-0002");
        String agency = installAgency(locations);
        // a location of the same agency installed directly (its own OAuth grant, not minted)
        assertThat(harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0003", List.of())
            .status()).isEqualTo(200);
        assertThat(harness.status(hub, "sim-loc-0003")).isEqualTo("ACTIVE");
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        harness.processWebhooks(hub);

        HubHarness.Response removed = uninstall(agency, "{\"reason\":\"moving to v2\"}");

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json()).containsEntry("id", agency).containsEntry("status", "UNINSTALLED")
            .containsEntry("reason", "UNINSTALLED_BY_DEVELOPER").containsEntry("grant", null);
        assertThat(uninstallCalls()).isEqualTo(1);
        assertEverythingRemoved(agency, List.of("sim-loc-0001", "sim-loc-0002", "sim-loc-0003"));
        List<InstallationEvent> events = dispatchedUninstalls();
        assertThat(events).filteredOn(e -> e.key().locationId().isEmpty()).extracting(InstallationEvent::reason)
            .containsExactly(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(events).filteredOn(e -> e.key().locationId().isPresent())
            .extracting(e -> e.key().locationId().orElseThrow().value(), InstallationEvent::reason)
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("sim-loc-0001",
                StateReason.UNINSTALLED_WITH_COMPANY), org.assertj.core.groups.Tuple.tuple("sim-loc-0002",
                StateReason.UNINSTALLED_WITH_COMPANY), org.assertj.core.groups.Tuple.tuple("sim-loc-0003",
                StateReason.UNINSTALLED_WITH_COMPANY));

        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        assertThat(harness.simulator.webhookDeliveries()).as("HighLevel announces the uninstall as for any other")
            .anyMatch(d -> "UNINSTALL".equals(d.type()));
        harness.processWebhooks(hub);
        assertThat(harness.get(hub.url("/api/v1/installations/" + agency), HubHarness.API_KEY).json())
            .as("the webhook that follows changes nothing").containsEntry("reason", "UNINSTALLED_BY_DEVELOPER");

        HubHarness.Response again = uninstall(agency, null);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json()).containsEntry("status", "UNINSTALLED").containsEntry("reason",
            "UNINSTALLED_BY_DEVELOPER");
        assertThat(uninstallCalls()).as("no second HighLevel call").isEqualTo(1);
        assertThat(dispatchedUninstalls()).as("no second event").hasSameSizeAs(events);
    }

    @Test
    void withHighLevelDownTheUninstallIsQueuedVisibleAndCompletedOnceHighLevelIsBack() throws Exception {
        List<String> locations = List.of("sim-loc-0001");
        String agency = installAgency(locations);
        harness.simulator.inject(Fault.status(FaultEndpoint.UNINSTALL, 503).persistent());

        HubHarness.Response queued = uninstall(agency, "{\"reason\":\"moving to v2\"}");

        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(queued.json()).containsEntry("status", "ACTIVE");
        assertThat(queued.json().get("grant")).as("tokens kept until HighLevel confirms").isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> pending = (Map<String, Object>) queued.json().get("pendingUninstall");
        assertThat(pending).containsEntry("reason", "moving to v2").containsEntry("attempts", 1)
            .containsEntry("lastError", "MARKETPLACE_UNAVAILABLE").containsKeys("requestedAt", "nextAttemptAt");
        assertThat(harness.get(hub.url("/api/v1/installations/" + agency), HubHarness.API_KEY).json()
            .get("pendingUninstall")).isEqualTo(pending);
        RetryUninstallsUseCase retries = hub.bean(RetryUninstallsUseCase.class);
        assertThat(retries.retryNext()).as("not due yet").isFalse();
        assertThat(uninstall(agency, null).status()).as("a repeat while it waits").isEqualTo(202);
        assertThat(uninstallCalls()).as("the repeat waits for the backoff too").isEqualTo(1);
        assertThat(harness.simulator.isCompanyInstalled()).isTrue();

        harness.simulator.clearFaults();
        harness.sql("UPDATE developer_uninstall SET next_attempt_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND)");

        assertThat(retries.retryNext()).isTrue();

        assertThat(uninstallCalls()).isEqualTo(2);
        assertEverythingRemoved(agency, locations);
        assertThat(dispatchedUninstalls()).extracting(InstallationEvent::reason).containsExactlyInAnyOrder(
            StateReason.UNINSTALLED_BY_DEVELOPER, StateReason.UNINSTALLED_WITH_COMPANY);
        assertThat(retries.retryNext()).isFalse();
    }

    @Test
    void anUninstallWhoseAnswerWasLostIsFinishedByTheRetry() throws Exception {
        List<String> locations = List.of("sim-loc-0001");
        String agency = installAgency(locations);
        // HighLevel removes the app and revokes the tokens, but its answer never reaches the hub
        harness.simulator.inject(Fault.dropResponse(FaultEndpoint.UNINSTALL));

        HubHarness.Response queued = uninstall(agency, null);

        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(harness.simulator.isCompanyInstalled()).isFalse();
        harness.sql("UPDATE developer_uninstall SET next_attempt_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND)");

        assertThat(hub.bean(RetryUninstallsUseCase.class).retryNext()).isTrue();

        assertEverythingRemoved(agency, locations);
        dispatchedUninstalls();
        assertThat(hub.bean(RecordingLifecycleListener.class).events).as("no false loss of consent")
            .noneMatch(e -> e.type() == InstallationEventType.NEEDS_REAUTH);
    }

    @Test
    void aRequestHighLevelKeepsRefusingIsParkedVisiblyAndRevivedByARepeat() throws Exception {
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0003", List.of());
        @SuppressWarnings("unchecked")
        String id = (String) ((List<Map<String, Object>>) harness.get(hub.url("/api/v1/installations?locationId="
            + "sim-loc-0003"), HubHarness.API_KEY).json().get("items")).get(0).get("id");
        harness.simulator.inject(Fault.status(FaultEndpoint.UNINSTALL, 403).persistent());
        RetryUninstallsUseCase retries = hub.bean(RetryUninstallsUseCase.class);

        assertThat(uninstall(id, "{\"reason\":\"first\"}").status()).isEqualTo(202);
        for (int attempt = 2; attempt <= 5; attempt++) {
            harness.sql("UPDATE developer_uninstall SET next_attempt_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND)");
            assertThat(retries.retryNext()).isTrue();
        }
        harness.sql("UPDATE developer_uninstall SET next_attempt_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND)");

        assertThat(retries.retryNext()).as("parked").isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> pending = (Map<String, Object>) harness.get(hub.url("/api/v1/installations/" + id),
            HubHarness.API_KEY).json().get("pendingUninstall");
        assertThat(pending).containsEntry("attempts", 5).containsEntry("lastError", "REFUSED")
            .containsEntry("parked", true).containsEntry("reason", "first");
        assertThat(uninstallCalls()).isEqualTo(5);

        harness.simulator.clearFaults();
        HubHarness.Response repeated = uninstall(id, "{\"reason\":\"second\"}");

        assertThat(repeated.status()).as(repeated.body()).isEqualTo(200);
        assertThat(uninstallCalls()).isEqualTo(6);
        assertThat(harness.simulator.isInstalled("sim-loc-0003")).isFalse();
    }

    @Test
    void aLocationIsRemovedWithItsOwnTokenAndTheDefaultReason() throws Exception {
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0003", List.of());
        String token = (String) harness.locationToken(hub, "sim-loc-0003").json().get("accessToken");
        @SuppressWarnings("unchecked")
        String id = (String) ((List<Map<String, Object>>) harness.get(hub.url("/api/v1/installations?locationId="
            + "sim-loc-0003"), HubHarness.API_KEY).json().get("items")).get(0).get("id");

        HubHarness.Response removed = uninstall(id, null);

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json()).containsEntry("status", "UNINSTALLED");
        assertThat(removed.body()).doesNotContain(token);
        assertThat(harness.simulator.isInstalled("sim-loc-0003")).isFalse();
        assertThat(harness.locationToken(hub, "sim-loc-0003").status()).isNotEqualTo(200);
    }

    @Test
    void badRequestsAreAnsweredAsProblems() throws Exception {
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0003", List.of());
        @SuppressWarnings("unchecked")
        String id = (String) ((List<Map<String, Object>>) harness.get(hub.url("/api/v1/installations?locationId="
            + "sim-loc-0003"), HubHarness.API_KEY).json().get("items")).get(0).get("id");

        HubHarness.Response malformedId = uninstall("not-a-uuid", null);
        HubHarness.Response unknown = uninstall("00000000-0000-4000-8000-000000000000", null);
        HubHarness.Response tooLong = uninstall(id, "{\"reason\":\"" + "x".repeat(201) + "\"}");
        HubHarness.Response blank = uninstall(id, "{\"reason\":\"   \"}");
        HubHarness.Response malformedBody = uninstall(id, "{\"reason\":");
        assertThat(harness.get(hub.url("/api/v1/installations/" + id), HubHarness.READ_ONLY_KEY).status())
            .as("the key may read installations").isEqualTo(200);
        HubHarness.Response notAdmin = harness.send("DELETE", hub.url("/api/v1/installations/" + id),
            HubHarness.READ_ONLY_KEY, null);
        HubHarness.Response anonymous = harness.send("DELETE", hub.url("/api/v1/installations/" + id), null, null);

        assertThat(malformedId.status()).isEqualTo(400);
        assertThat(malformedId.json()).containsEntry("code", "invalid_id");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).containsEntry("code", "not_found");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json()).containsEntry("code", "invalid_reason");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json()).containsEntry("code", "invalid_reason");
        assertThat(malformedBody.status()).isEqualTo(400);
        assertThat(malformedBody.json()).containsEntry("code", "malformed_body");
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.json()).containsEntry("code", "forbidden");
        assertThat(anonymous.status()).isEqualTo(401);
        for (HubHarness.Response problem : List.of(malformedId, unknown, tooLong, notAdmin)) {
            assertThat(problem.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(uninstallCalls()).as("HighLevel is never asked").isZero();
        assertThat(harness.status(hub, "sim-loc-0003")).isEqualTo("ACTIVE");
    }
}
