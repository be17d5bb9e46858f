package io.accesshub.application.service;

import io.accesshub.application.fakes.InMemoryGrantRepository;
import io.accesshub.application.fakes.InMemoryInstallationRepository;
import io.accesshub.application.fakes.InMemoryUninstallRequests;
import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.InstallationQuery;
import io.accesshub.application.port.in.InstallationSummary;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.RefreshBookkeeping;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static io.accesshub.application.testdata.InstallationMother.anInstallation;
import static io.accesshub.application.testdata.TestIds.installationId;
import static org.assertj.core.api.Assertions.assertThat;

class InstallationQueryServiceTest {

    private final InMemoryInstallationRepository installations = new InMemoryInstallationRepository();
    private final InMemoryGrantRepository grants = new InMemoryGrantRepository();
    private final InMemoryUninstallRequests uninstalls = new InMemoryUninstallRequests();
    private final io.accesshub.domain.marketplace.MarketplaceAppId app = io.accesshub.application.testdata.TestIds.appId();
    private final InstallationQueryService service = new InstallationQueryService(installations, grants,
            new io.accesshub.application.fakes.FixedMarketplaceApps(new io.accesshub.application.port.out.MarketplaceApp(
                    app, "main", io.accesshub.domain.grant.Scopes.parse("contacts.readonly contacts.write oauth.write"))),
            uninstalls, TestTimes.fixedClock());

    @Test
    void aGrantLackingConfiguredScopesIsShownWithTheScopesItLacks() {
        Installation location = installations.add(anInstallation().ofApp(app).build());
        grants.add(aLocationGrant().forInstallation(location.id()).withScopes("contacts.readonly").build());
        Installation complete = installations.add(anInstallation().ofApp(app).build());
        grants.add(aLocationGrant().forInstallation(complete.id()).withScopes("contacts.readonly contacts.write")
                .build());

        assertThat(service.get(location.id()).orElseThrow().missingScopes())
                .as("oauth.write is not expected of a location token")
                .isEqualTo(io.accesshub.domain.grant.Scopes.parse("contacts.write"));
        assertThat(service.get(complete.id()).orElseThrow().missingScopes().isEmpty()).isTrue();
    }

    @Test
    void anInstallationIsShownWithItsGrantSummaryAndNoToken() {
        Installation installation = installations.add(anInstallation().build());
        RefreshBookkeeping bookkeeping = new RefreshBookkeeping(Optional.of(TestTimes.NOW.minusSeconds(7200)),
                Optional.of(TestTimes.NOW.minusSeconds(60)), 2, 9L);
        Grant grant = grants.add(aLocationGrant().forInstallation(installation.id())
                .issuedAgo(Duration.ofHours(2)).withBookkeeping(bookkeeping).build());

        InstallationSummary summary = service.get(installation.id()).orElseThrow();

        assertThat(summary.status()).isEqualTo(installation.status());
        assertThat(summary.reason()).isEqualTo(installation.reason());
        assertThat(summary.key()).isEqualTo(installation.key());
        assertThat(summary.grant()).hasValueSatisfying(g -> {
            assertThat(g.source()).isEqualTo(grant.source());
            assertThat(g.scopes()).isEqualTo(grant.scopes());
            assertThat(g.accessTokenExpiresAt()).isEqualTo(grant.accessTokenExpiresAt());
            assertThat(g.refreshTokenAge()).isEqualTo(Duration.ofHours(2));
            assertThat(g.hasRefreshToken()).isTrue();
            assertThat(g.lastRefreshedAt()).isEqualTo(bookkeeping.lastRefreshedAt());
            assertThat(g.consecutiveFailures()).isEqualTo(2);
        });
        assertThat(summary.toString())
                .doesNotContain(grant.accessToken().value())
                .doesNotContain(grant.refreshToken().orElseThrow().value());
    }

    @Test
    void anInstallationWithoutGrantIsShownWithoutGrantSummary() {
        Installation pending = installations.add(anInstallation().withStatus(InstallationStatus.PENDING).build());

        assertThat(service.get(pending.id()).orElseThrow().grant()).isEmpty();
    }

    @Test
    void anUnknownInstallationIsNotFound() {
        assertThat(service.get(installationId())).isEmpty();
    }

    @Test
    void listingFiltersByCompanyAndStatusAndPages() {
        Installation company = installations.add(aCompanyInstallation().build());
        for (int i = 0; i < 3; i++) {
            installations.add(anInstallation().ofApp(company.key().appId()).ofCompany(company.key().companyId())
                    .withStatus(InstallationStatus.NEEDS_REAUTH).build());
        }
        installations.add(anInstallation().ofCompany(company.key().companyId()).build());

        Page<InstallationSummary> page = service.list(InstallationQuery.all()
                .withCompany(company.key().companyId()).withStatus(InstallationStatus.NEEDS_REAUTH),
                PageRequest.of(0, 2));

        assertThat(page.items()).hasSize(2).allMatch(s -> s.status() == InstallationStatus.NEEDS_REAUTH);
        assertThat(page.totalCount()).isEqualTo(3);
        assertThat(page.hasNext()).isTrue();
    }

    @Test
    void aDeveloperUninstallWaitingForHighLevelIsShownWithTheInstallation() {
        Installation installation = installations.add(anInstallation().build());
        io.accesshub.domain.uninstall.UninstallRequest pending = io.accesshub.domain.uninstall.UninstallRequest
                .requested(installation.id(), io.accesshub.domain.uninstall.UninstallReason.DEFAULT, TestTimes.NOW)
                .failed(io.accesshub.domain.uninstall.UninstallFailure.MARKETPLACE_UNAVAILABLE, Optional.empty(),
                        TestTimes.NOW);
        uninstalls.openAndClaim(pending, "test", Duration.ofMinutes(1), TestTimes.NOW);

        assertThat(service.get(installation.id()).orElseThrow().pendingUninstall()).contains(pending);
        assertThat(service.list(InstallationQuery.all(), new PageRequest(0, 10)).items().get(0).pendingUninstall())
                .contains(pending);
    }

    @Test
    void anInstallationWithoutADeveloperUninstallShowsNone() {
        Installation installation = installations.add(anInstallation().build());

        assertThat(service.get(installation.id()).orElseThrow().pendingUninstall()).isEmpty();
    }

    @Test
    void aPageReadsItsPendingUninstallsAtOnce() {
        for (int i = 0; i < 3; i++) {
            Installation installation = installations.add(anInstallation().build());
            uninstalls.openAndClaim(io.accesshub.domain.uninstall.UninstallRequest.requested(installation.id(),
                    io.accesshub.domain.uninstall.UninstallReason.DEFAULT, TestTimes.NOW.plusSeconds(60)), "test",
                    Duration.ofMinutes(1), TestTimes.NOW);
        }
        int before = uninstalls.reads();

        assertThat(service.list(InstallationQuery.all(), new PageRequest(0, 10)).items())
                .hasSize(3).allMatch(s -> s.pendingUninstall().isPresent());
        assertThat(uninstalls.reads() - before).as("one read for the page").isEqualTo(1);
    }
}
