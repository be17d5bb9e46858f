package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.grant.Grant;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.Presentation;
import io.accesshub.simulator.SimulatorConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Revoked grants do not crowd out live ones: 200 grants HighLevel revoked become needs_reauth and leave the schedule;
 * afterwards 20 live grants fall due and one scheduler pass (batch size 50, the default) refreshes all of them, while
 * none of the revoked refresh tokens is presented again. Under a schedule that still selected the dead grants (they
 * fell due an hour earlier than the live ones), the pass would have spent its 50 slots on them.
 */
class RevokedGrantsTest {

    private static final int DEAD = 200;
    private static final int LIVE = 20;

    private HubHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void revokedGrantsAreParkedAndNeverPresentedAgainWhileLiveOnesRefreshInOnePass() {
        harness = new HubHarness(SimulatorConfig.builder().noRefreshGraceWindow().locationCount(1));
        HubHarness.Hub hub = harness.startHub();
        List<HubHarness.SeededLocation> seeded = harness.seedLocations(hub, DEAD + LIVE);
        List<HubHarness.SeededLocation> dead = seeded.subList(0, DEAD);
        List<HubHarness.SeededLocation> live = seeded.subList(DEAD, DEAD + LIVE);
        assertThat(harness.count("SELECT COUNT(*) FROM token_grant WHERE next_refresh_at > UTC_TIMESTAMP(6)"))
            .as("seeded grants are scheduled a day ahead, nothing is due yet").isEqualTo(DEAD + LIVE);
        assertThat(harness.refreshDueGrants(hub)).isZero();

        // HighLevel revokes 200 of them; they fall due an hour ago (earlier than the live ones will).
        for (HubHarness.SeededLocation location : dead) {
            assertThat(harness.simulator.revokeGrants(location.grant().companyId(), location.locationId()))
                .isEqualTo(1);
        }
        makeDue(dead, 60);
        int passes = 0;
        while (harness.count("SELECT COUNT(*) FROM installation WHERE status = 'NEEDS_REAUTH'") < DEAD) {
            assertThat(++passes).as("passes needed to work through the revoked grants").isLessThanOrEqualTo(DEAD / 50 + 1);
            assertThat(harness.refreshDueGrants(hub)).isPositive();
        }
        assertThat(harness.count("SELECT COUNT(*) FROM installation WHERE status = 'NEEDS_REAUTH'"
            + " AND status_reason = 'REFRESH_TOKEN_REJECTED'")).isEqualTo(DEAD);
        assertThat(harness.count("SELECT COUNT(*) FROM token_grant WHERE next_refresh_at IS NULL"))
            .as("the revoked grants are parked: off the schedule").isEqualTo(DEAD);
        Map<String, HubHarness.SeededLocation> deadByHash = dead.stream().collect(Collectors.toMap(
            d -> GhlSimulator.hash(d.grant().refreshToken()), d -> d));
        for (String hash : deadByHash.keySet()) {
            assertThat(harness.presentationsOfRefreshTokenHash(hash))
                .as("a revoked refresh token is presented once, to learn it is revoked").isEqualTo(1);
        }
        int logSizeWhenParked = harness.simulator.presentations().size();

        // The live grants fall due; the dead ones would still be first in line had they stayed scheduled.
        makeDue(live, 1);
        int examined = harness.refreshDueGrants(hub);

        assertThat(examined).as("one pass examines exactly the live grants").isEqualTo(LIVE);
        GrantRepository grants = hub.bean(GrantRepository.class);
        for (HubHarness.SeededLocation location : live) {
            Grant grant = grants.findByInstallationId(location.installationId()).orElseThrow();
            assertThat(grant.refreshToken().orElseThrow().value()).as("refreshed in the one pass: %s", location)
                .isNotEqualTo(location.grant().refreshToken());
            assertThat(grant.bookkeeping().lastRefreshedAt()).as("%s", location).isPresent();
            assertThat(harness.presentationsOfRefreshTokenHash(GhlSimulator.hash(location.grant().refreshToken())))
                .isEqualTo(1);
        }
        assertThat(harness.count("SELECT COUNT(*) FROM installation WHERE status = 'ACTIVE'")).isEqualTo(LIVE);

        // More passes (as the scheduler would run every interval) present nothing of the dead grants either.
        assertThat(harness.refreshDueGrants(hub)).isZero();
        List<Presentation> after = harness.simulator.presentations()
            .subList(logSizeWhenParked, harness.simulator.presentations().size());
        assertThat(after.stream().filter(p -> p.kind() == Presentation.Kind.REFRESH_TOKEN && p.isPresentation()
            && deadByHash.containsKey(p.tokenHash())).toList())
            .as("presentations of revoked refresh tokens after they were marked needs_reauth").isEmpty();
        assertThat(after.stream().filter(Presentation::isPresentation).count())
            .as("presentations in the live pass: one per live grant").isEqualTo(LIVE);
        assertThat(harness.count("SELECT COUNT(*) FROM token_grant WHERE next_refresh_at IS NULL")).isEqualTo(DEAD);
        assertThat(harness.simulator.invariants().refreshTokensAcceptedMoreThanOnce()).isEmpty();
    }

    /** Makes the grants due: the access token expires within the refresh window and the schedule says now. */
    private void makeDue(List<HubHarness.SeededLocation> locations, int minutesAgo) {
        String ids = locations.stream().map(l -> "'" + l.installationId() + "'").collect(Collectors.joining(","));
        harness.sql("UPDATE token_grant SET access_token_expires_at = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 10 MINUTE),"
            + " next_refresh_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL " + minutesAgo + " MINUTE)"
            + " WHERE installation_id IN (" + ids + ")");
    }
}
