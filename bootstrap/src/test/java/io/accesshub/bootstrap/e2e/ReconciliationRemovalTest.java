package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.ReconcileInstallationsUseCase;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.Fault;
import io.accesshub.simulator.FaultEndpoint;
import io.accesshub.simulator.SimulatorConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation also removes (issue 13, item 4), on the real database and the simulator: a location HighLevel lists
 * as not installed in two passes at least one reconciliation interval apart is uninstalled with its tokens erased and
 * a lifecycle event; a failed page read or a single pass uninstalls nothing. The UNINSTALL webhook of the removal is
 * never processed here (as if it was lost), and the interval is passed by moving the stored times back.
 */
class ReconciliationRemovalTest {

    private HubHarness harness;
    private HubHarness.Hub hub;

    @BeforeEach
    void installAnAgencyWithTwoLocations() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3));
        hub = harness.startHub();
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null,
            List.of("sim-loc-0001", "sim-loc-0002"));
        harness.drainProvisioning(hub);
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("ACTIVE");
        assertThat(harness.status(hub, "sim-loc-0002")).isEqualTo("ACTIVE");
        harness.simulator.uninstall(null, "sim-loc-0001");
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void reconcile() {
        hub.bean(ReconcileInstallationsUseCase.class).reconcileAgencies();
        harness.drainProvisioning(hub);
    }

    private long grantsOf(String locationId) {
        return harness.count("SELECT COUNT(*) FROM token_grant g JOIN installation i ON i.id = g.installation_id"
            + " WHERE i.location_id = '" + locationId + "'");
    }

    /** Moves what the hub stored an interval (1 h by default) into the past, as if that much time had passed. */
    private void oneIntervalPasses() {
        harness.sql("UPDATE location_ownership SET not_installed_since = DATE_SUB(not_installed_since, INTERVAL 61 MINUTE)"
            + " WHERE not_installed_since IS NOT NULL");
        harness.sql("UPDATE installation SET last_lifecycle_change_at = DATE_SUB(last_lifecycle_change_at,"
            + " INTERVAL 61 MINUTE)");
    }

    @Test
    void aLocationRemovedAtHighLevelIsUninstalledAfterTwoPassesOneIntervalApart() throws Exception {
        reconcile();
        assertThat(harness.status(hub, "sim-loc-0001")).as("one pass is no proof").isEqualTo("ACTIVE");
        assertThat(grantsOf("sim-loc-0001")).isEqualTo(1L);

        oneIntervalPasses();
        reconcile();

        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("UNINSTALLED");
        assertThat(grantsOf("sim-loc-0001")).as("tokens erased").isZero();
        assertThat(harness.count("SELECT COUNT(*) FROM lifecycle_outbox WHERE event_type = 'UNINSTALLED'"
            + " AND location_id = 'sim-loc-0001' AND reason = 'UNINSTALLED_IN_MARKETPLACE'")).isEqualTo(1L);
        assertThat(harness.locationToken(hub, "sim-loc-0001").status()).isEqualTo(404);
        assertThat(harness.status(hub, "sim-loc-0002")).as("still installed at HighLevel").isEqualTo("ACTIVE");
        assertThat(harness.locationToken(hub, "sim-loc-0002").status()).isEqualTo(200);
    }

    @Test
    void aFailedPageReadIsNoEvidenceAndTwoPassesTooCloseTogetherUninstallNothing() throws Exception {
        harness.simulator.inject(Fault.status(FaultEndpoint.INSTALLED_LOCATIONS, 503));
        reconcile();
        assertThat(harness.count("SELECT COUNT(*) FROM location_ownership WHERE not_installed_since IS NOT NULL"
            + " AND location_id = 'sim-loc-0001'")).as("the failed read taught nothing").isZero();

        reconcile();
        reconcile();

        assertThat(harness.status(hub, "sim-loc-0001")).as("two passes within one interval").isEqualTo("ACTIVE");
        assertThat(grantsOf("sim-loc-0001")).isEqualTo(1L);
        assertThat(harness.count("SELECT COUNT(*) FROM lifecycle_outbox WHERE event_type = 'UNINSTALLED'")).isZero();
    }
}
