package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.ClientId;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On-demand minting asks only the agency that owns a location (issue 13, item 6), on the real database and the
 * simulator: 119 other agencies of the app are installed before the simulator's agency, whose tokens would be refused
 * by HighLevel if the hub ever presented them.
 */
class OwningAgencyMintingTest {

    private static final int OTHER_AGENCIES = 119;

    private HubHarness harness;
    private HubHarness.Hub hub;

    @BeforeEach
    void installOneHundredTwentyAgencies() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(4));
        hub = harness.startHub();
        MarketplaceAppId app = ClientId.parse(harness.simulator.config().clientId()).appId();
        InstallationRepository installations = hub.bean(InstallationRepository.class);
        GrantRepository grants = hub.bean(GrantRepository.class);
        Instant now = Instant.now();
        for (int i = 0; i < OTHER_AGENCIES; i++) {
            InstallationId id = InstallationId.of(UUID.randomUUID());
            installations.add(Installation.create(id, InstallationKey.forCompany(app,
                    CompanyId.of("other-agency-" + i)), CompanyInstallDetails.none(), now.minusSeconds(600 - i))
                .activate(StateReason.GRANT_ISSUED, now));
            grants.add(Grant.create(id, GrantSource.DIRECT_INSTALL, IssuedTokens.of(
                AccessToken.of("other-agency-access-" + i), now.plus(Duration.ofHours(20)),
                RefreshToken.of("other-agency-refresh-" + i), Scopes.parse("oauth.write oauth.readonly"), now)));
        }
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null, List.of("sim-loc-0002"));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private long simulatorRequests() {
        return harness.simulator.invariants().requestsPerEndpoint().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void aLocationOfTheHundredTwentiethAgencyIsMintedWithExactlyOneLocationTokenCall() throws Exception {
        assertThat(harness.count("SELECT COUNT(*) FROM installation WHERE user_type = 'COMPANY'"))
            .isEqualTo(OTHER_AGENCIES + 1);
        Map<String, Long> before = harness.simulator.invariants().requestsPerEndpoint();

        HubHarness.Response minted = harness.locationToken(hub, "sim-loc-0002");

        assertThat(minted.status()).as(minted.body()).isEqualTo(200);
        assertThat(minted.json()).containsEntry("source", "MINTED_FROM_COMPANY")
            .containsEntry("companyId", harness.simulator.config().companyId());
        Map<String, Long> after = harness.simulator.invariants().requestsPerEndpoint();
        assertThat(after.getOrDefault("POST /oauth/locationToken", 0L)
            - before.getOrDefault("POST /oauth/locationToken", 0L)).isEqualTo(1L);
        assertThat(after.getOrDefault("POST /oauth/token", 0L)).as("no agency grant was refreshed")
            .isEqualTo(before.getOrDefault("POST /oauth/token", 0L));
    }

    @Test
    void aTokenReadForALocationNoAgencyOwnsMakesNoHighLevelCall() throws Exception {
        long before = simulatorRequests();

        HubHarness.Response unknown = harness.locationToken(hub, "sim-loc-9999");
        HubHarness.Response notApproved = harness.locationToken(hub, "sim-loc-0003");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(notApproved.status()).as("not listed yet: no agency is known to own it").isEqualTo(404);
        assertThat(simulatorRequests()).isEqualTo(before);
    }

    @Test
    void aLocationTheAgencyAnnouncedInLocationCreateIsOwnedAndMintedFromIt() throws Exception {
        harness.simulator.setWebhookUrl(hub.url("/webhooks/ghl"));
        String announcedId = harness.simulator.createLocation("Announced");
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(10))).isTrue();
        harness.processWebhooks(hub);
        // The agency does not install to future locations: HighLevel refuses the mint, and the hub asked only once.
        Map<String, Long> before = harness.simulator.invariants().requestsPerEndpoint();

        HubHarness.Response announced = harness.locationToken(hub, announcedId);
        HubHarness.Response again = harness.locationToken(hub, announcedId);

        assertThat(announced.status()).isEqualTo(404);
        assertThat(again.status()).isEqualTo(404);
        assertThat(harness.simulator.invariants().requestsPerEndpoint().getOrDefault("POST /oauth/locationToken", 0L)
            - before.getOrDefault("POST /oauth/locationToken", 0L)).as("one refused mint, then remembered")
            .isEqualTo(1L);
        assertThat(harness.count("SELECT COUNT(*) FROM location_ownership WHERE location_id = '" + announcedId + "'"
            + " AND company_id = '" + harness.simulator.config().companyId() + "'")).isEqualTo(1L);
    }
}
