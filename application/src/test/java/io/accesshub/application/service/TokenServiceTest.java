package io.accesshub.application.service;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.fakes.FakeMarketplaceGateway;
import io.accesshub.application.fakes.FixedMarketplaceApps;
import io.accesshub.application.fakes.InMemoryGrantRepository;
import io.accesshub.application.fakes.InMemoryInstallationRepository;
import io.accesshub.application.fakes.InMemoryTransactionRunner;
import io.accesshub.application.fakes.RecordingInstallationEventPublisher;
import io.accesshub.application.port.in.TokenResult;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

    private final InstallServiceTest.MutableClock clock = new InstallServiceTest.MutableClock(TestTimes.NOW);
    private final InMemoryInstallationRepository installations = new InMemoryInstallationRepository();
    private final InMemoryGrantRepository grants = new InMemoryGrantRepository();

    private TokenService service(Duration cacheTtl, Installation installation) {
        RecordingInstallationEventPublisher events = new RecordingInstallationEventPublisher();
        FixedMarketplaceApps apps = new FixedMarketplaceApps(new MarketplaceApp(
            installation.key().appId(), "main", Scopes.parse("oauth.write")));
        RefreshEngineFixture engine = new RefreshEngineFixture(installation.key().appId());
        GrantRefresher refresher = engine.refresher();
        return new TokenService(apps,
            installations, grants, refresher, RefreshSettings.defaults(), clock, cacheTtl, new FakeMarketplaceGateway(),
            events, new InMemoryTransactionRunner(installations, grants, events), new io.accesshub.application.fakes.SequentialIdGenerator());
    }

    private Installation storeActiveLocation() {
        Installation installation = installations.add(aLocationInstallation()
            .withStatus(InstallationStatus.ACTIVE).withReason(StateReason.GRANT_ISSUED).build());
        grants.add(aLocationGrant().forInstallation(installation.id()).expiringIn(5, java.time.temporal.ChronoUnit.HOURS)
            .build());
        return installation;
    }

    @Test
    void aUsableTokenIsServedFromStorage() {
        Installation installation = storeActiveLocation();

        TokenResult result = service(Duration.ZERO, installation).accessTokenForLocation(Optional.empty(),
            installation.key().locationId().orElseThrow());

        assertThat(result).isInstanceOf(TokenResult.Issued.class);
        assertThat(((TokenResult.Issued) result).locationId()).isEqualTo(installation.key().locationId());
    }

    @Test
    void theCacheServesAUsableTokenForItsTtlOnly() {
        Installation installation = storeActiveLocation();
        TokenService service = service(Duration.ofSeconds(2), installation);
        var location = installation.key().locationId().orElseThrow();
        assertThat(service.accessTokenForLocation(Optional.empty(), location)).isInstanceOf(TokenResult.Issued.class);

        grants.deleteByInstallationId(installation.id());
        clock.advance(Duration.ofSeconds(1));
        assertThat(service.accessTokenForLocation(Optional.empty(), location)).isInstanceOf(TokenResult.Issued.class);

        clock.advance(Duration.ofSeconds(2));
        assertThat(service.accessTokenForLocation(Optional.empty(), location)).isInstanceOf(TokenResult.NotInstalled.class);
    }

    @Test
    void withoutCacheEveryReadSeesTheStoredState() {
        Installation installation = storeActiveLocation();
        TokenService service = service(Duration.ZERO, installation);
        var location = installation.key().locationId().orElseThrow();
        service.accessTokenForLocation(Optional.empty(), location);

        installations.update(installations.findById(installation.id()).orElseThrow()
            .markNeedsReauth(StateReason.REFRESH_TOKEN_REJECTED, clock.instant()));

        assertThat(service.accessTokenForLocation(Optional.empty(), location))
            .isEqualTo(new TokenResult.NeedsReauthorization(StateReason.REFRESH_TOKEN_REJECTED));
    }
}
