package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.ProvisionLocationsUseCase;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.SimulatorConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An agency bulk install: the callback stores the agency grant; location tokens are minted in the background. */
class InstallAgencyProvisioningTest {

    private HubHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void installedLocationsGetMintedTokensAndOthersDoNot() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(6));
        HubHarness.Hub hub = harness.startHub();
        List<String> selected = List.of("sim-loc-0001", "sim-loc-0002", "sim-loc-0004");

        assertThat(harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null, selected).status())
            .isEqualTo(200);
        assertThat(harness.status(hub, "sim-loc-0001")).as("nothing minted inside the callback").isEqualTo("NONE");
        assertThat(harness.simulator.invariants().requestsPerEndpoint()).doesNotContainKey("POST /oauth/locationToken");

        ProvisionLocationsUseCase provisioning = hub.bean(ProvisionLocationsUseCase.class);
        int pages = 0;
        while (provisioning.provisionNextPage()) {
            pages++;
        }

        assertThat(pages).isPositive();
        for (String location : selected) {
            HubHarness.Response token = harness.locationToken(hub, location);
            assertThat(token.status()).as(location).isEqualTo(200);
            assertThat(token.json()).containsEntry("source", "MINTED_FROM_COMPANY").containsEntry("locationId", location);
            assertThat(harness.status(hub, location)).isEqualTo("ACTIVE");
        }
        assertThat(harness.locationToken(hub, "sim-loc-0003").status()).isEqualTo(404);
        assertThat(harness.simulator.invariants().tooManyRequests()).isZero();
        assertThat(provisioning.provisionNextPage()).as("the job is done").isFalse();
    }

    @Test
    void aLocationWhoseRefreshTokenIsRejectedIsRemintedFromTheAgency() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3).noRefreshGraceWindow());
        HubHarness.Hub hub = harness.startHub();
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null, List.of("sim-loc-0001"));
        ProvisionLocationsUseCase provisioning = hub.bean(ProvisionLocationsUseCase.class);
        while (provisioning.provisionNextPage()) {
            // drain
        }
        String before = (String) harness.locationToken(hub, "sim-loc-0001").json().get("accessToken");
        harness.simulator.revokeGrants(harness.simulator.config().companyId(), "sim-loc-0001");
        harness.sql("UPDATE token_grant SET issued_at = DATE_SUB(issued_at, INTERVAL 2 DAY),"
            + " access_token_expires_at = DATE_ADD(issued_at, INTERVAL 86399 SECOND)"
            + " WHERE location_key = 'sim-loc-0001'");

        HubHarness.Response read = harness.locationToken(hub, "sim-loc-0001");

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("accessToken")).isNotEqualTo(before);
        assertThat(read.json()).containsEntry("source", "MINTED_FROM_COMPANY");
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("ACTIVE");
    }

    @Test
    void anAgencyGrantThatIsLostCascadesToItsMintedLocations() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3).noRefreshGraceWindow());
        HubHarness.Hub hub = harness.startHub();
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null, List.of("sim-loc-0001"));
        ProvisionLocationsUseCase provisioning = hub.bean(ProvisionLocationsUseCase.class);
        while (provisioning.provisionNextPage()) {
            // drain
        }
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("ACTIVE");
        harness.simulator.revokeGrants(harness.simulator.config().companyId(), null);
        harness.sql("UPDATE token_grant SET issued_at = DATE_SUB(issued_at, INTERVAL 2 DAY),"
            + " access_token_expires_at = DATE_ADD(issued_at, INTERVAL 86399 SECOND) WHERE location_key = ''");

        HubHarness.Response company = harness.get(hub.url("/api/v1/companies/sim-company-1/access-token"),
            HubHarness.API_KEY);

        assertThat(company.status()).isEqualTo(409);
        assertThat(company.json()).containsEntry("code", "reauthorization_required");
        assertThat(harness.status(hub, "sim-loc-0001")).as("minted location follows its agency")
            .isEqualTo("NEEDS_REAUTH");
        assertThat(harness.locationToken(hub, "sim-loc-0001").json()).containsEntry("code", "reauthorization_required");
    }

    @Test
    void aLocationUnderTheAgencyIsMintedOnDemandBeforeProvisioningReachesIt() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(4));
        HubHarness.Hub hub = harness.startHub();
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null, List.of("sim-loc-0002"));

        HubHarness.Response minted = harness.locationToken(hub, "sim-loc-0002");
        HubHarness.Response notInstalledThere = harness.locationToken(hub, "sim-loc-0003");
        HubHarness.Response again = harness.locationToken(hub, "sim-loc-0003");

        assertThat(minted.status()).as(minted.body()).isEqualTo(200);
        assertThat(minted.json()).containsEntry("source", "MINTED_FROM_COMPANY");
        assertThat(notInstalledThere.status()).isEqualTo(404);
        assertThat(again.status()).isEqualTo(404);
        assertThat(harness.simulator.invariants().requestsPerEndpoint().get("POST /oauth/locationToken"))
            .as("one mint for the approved location; none for one no agency is known to own").isEqualTo(1L);
    }

    @Test
    void anAppThatAlwaysRemintsNeverPresentsTheLocationsRefreshToken() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(2).noRefreshGraceWindow());
        HubHarness.Hub hub = harness.startHub(java.util.Map.of("accesshub.apps.main.location-token-policy",
            "always-remint"));
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null, List.of("sim-loc-0001"));
        assertThat(harness.locationToken(hub, "sim-loc-0001").status()).isEqualTo(200);
        long mintsBefore = harness.simulator.invariants().requestsPerEndpoint().get("POST /oauth/locationToken");
        harness.sql("UPDATE token_grant SET issued_at = DATE_SUB(issued_at, INTERVAL 2 DAY),"
            + " access_token_expires_at = DATE_ADD(issued_at, INTERVAL 86399 SECOND)"
            + " WHERE location_key = 'sim-loc-0001'");

        HubHarness.Response read = harness.locationToken(hub, "sim-loc-0001");

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(harness.simulator.invariants().requestsPerEndpoint().get("POST /oauth/locationToken"))
            .isEqualTo(mintsBefore + 1);
        assertThat(harness.simulator.presentations()).noneMatch(p -> p.isPresentation()
            && p.kind() == io.accesshub.simulator.Presentation.Kind.REFRESH_TOKEN
            && "sim-loc-0001".equals(p.resourceId()));
    }
}
