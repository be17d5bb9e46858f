package io.accesshub.application.service;

import static io.accesshub.application.testdata.GrantMother.aCompanyGrant;
import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.GrantMother.aMintedLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.GrantedTo;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.application.service.GrantRefresher.Mode;
import io.accesshub.application.service.GrantRefresher.RefreshResult;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.AccessTokenDigest;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.UserType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refresher's path for a token HighLevel rejected: a grant far from expiry is refreshed while the rejected token
 * is still its current one, under the same lease and fence as any refresh; a token that is no longer current sends
 * nothing.
 */
class GrantRefresherRejectedTokenTest {

    private RefreshEngineFixture engine;
    private Installation installation;
    private Grant grant;

    @BeforeEach
    void storeAGrantFarFromExpiry() {
        installation = aLocationInstallation().withStatus(InstallationStatus.ACTIVE)
            .withReason(StateReason.GRANT_ISSUED).build();
        engine = new RefreshEngineFixture(installation.key().appId());
        engine.installations.add(installation);
        grant = engine.grants.add(aLocationGrant().forInstallation(installation.id())
            .expiringIn(20, ChronoUnit.HOURS).build());
    }

    private TokenExchangeOutcome.Issued newPair() {
        Instant now = engine.clock.instant();
        return new TokenExchangeOutcome.Issued(IssuedTokens.of(AccessToken.of("at-" + TestIds.randomText(10)),
            now.plusSeconds(86_399), RefreshToken.of("rt-" + TestIds.randomText(10)), Scopes.parse("contacts.readonly"),
            now), new GrantedTo(UserType.LOCATION, installation.key().companyId(), installation.key().locationId(),
            CompanyInstallDetails.none(), Optional.of("user")));
    }

    private Grant stored() {
        return engine.grants.findByInstallationId(installation.id()).orElseThrow();
    }

    @Test
    void theCurrentTokenReportedRejectedIsRefreshedOnceThoughItIsFarFromExpiry() {
        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> issued);
        assertThat(engine.refresher().refresh(installation.id(), Mode.ON_DEMAND))
            .as("a token read finds nothing to do").isEqualTo(new RefreshResult.Usable(grant));
        assertThat(engine.gateway.presentedRefreshTokens()).isEmpty();

        RefreshResult result = engine.refresher().refreshRejected(installation.id(),
            AccessTokenDigest.of(grant.accessToken()));

        assertThat(result).isInstanceOf(RefreshResult.Usable.class);
        assertThat(((RefreshResult.Usable) result).grant().accessToken()).isEqualTo(issued.tokens().accessToken());
        assertThat(stored().accessToken()).isEqualTo(issued.tokens().accessToken());
        assertThat(engine.gateway.presentationsOf(grant.refreshToken().orElseThrow())).isEqualTo(1);
        assertThat(engine.leases.inspect(installation.id()).orElseThrow().leased()).isFalse();
    }

    @Test
    void aSecondReportOfTheSameTokenAfterTheRefreshSendsNothingAndHandsOutTheNewToken() {
        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> issued);
        AccessTokenDigest rejected = AccessTokenDigest.of(grant.accessToken());
        engine.refresher().refreshRejected(installation.id(), rejected);

        RefreshResult again = engine.refresher().refreshRejected(installation.id(), rejected);

        assertThat(again).isEqualTo(new RefreshResult.Usable(stored()));
        assertThat(stored().accessToken()).isEqualTo(issued.tokens().accessToken());
        assertThat(engine.gateway.presentedRefreshTokens()).hasSize(1);
    }

    @Test
    void aReportOfATokenThatIsNotTheCurrentOneSendsNothing() {
        RefreshResult result = engine.refresher().refreshRejected(installation.id(),
            AccessTokenDigest.of(AccessToken.of("an-older-token")));

        assertThat(result).isEqualTo(new RefreshResult.Usable(grant));
        assertThat(engine.gateway.presentedRefreshTokens()).isEmpty();
        assertThat(engine.leases.inspect(installation.id()).orElseThrow().leased()).isFalse();
        assertThat(engine.leases.scheduledAt(installation.id())).as("the schedule is not moved")
            .contains(engine.settings.timing().dueAt(grant));
    }

    @Test
    void aReportForAGrantThatNeedsReauthorizationSendsNothing() {
        engine.installations.update(engine.installations.findById(installation.id()).orElseThrow()
            .markNeedsReauth(StateReason.REFRESH_TOKEN_REJECTED, engine.clock.instant()));

        RefreshResult result = engine.refresher().refreshRejected(installation.id(),
            AccessTokenDigest.of(grant.accessToken()));

        assertThat(result).isEqualTo(new RefreshResult.NeedsReauth(StateReason.REFRESH_TOKEN_REJECTED));
        assertThat(engine.gateway.presentedRefreshTokens()).isEmpty();
    }

    @Test
    void aRejectedMintedLocationTokenWithoutRefreshTokenIsReMintedFromItsAgency() {
        Installation company = engine.installations.add(aCompanyInstallation().ofApp(installation.key().appId())
            .ofCompany(installation.key().companyId()).withStatus(InstallationStatus.ACTIVE)
            .withReason(StateReason.GRANT_ISSUED).build());
        Grant companyGrant = engine.grants.add(aCompanyGrant().forInstallation(company.id())
            .expiringIn(20, ChronoUnit.HOURS).build());
        Installation minted = engine.installations.add(aLocationInstallation().ofApp(installation.key().appId())
            .ofCompany(installation.key().companyId()).withStatus(InstallationStatus.ACTIVE)
            .withReason(StateReason.GRANT_MINTED).build());
        Grant mintedGrant = engine.grants.add(aMintedLocationGrant().forInstallation(minted.id()).withoutRefreshToken()
            .expiringIn(20, ChronoUnit.HOURS).build());
        TokenExchangeOutcome.Issued reminted = newPair();
        engine.gateway.onMint(() -> reminted);

        RefreshResult result = engine.refresher().refreshRejected(minted.id(),
            AccessTokenDigest.of(mintedGrant.accessToken()));

        assertThat(result).isInstanceOf(RefreshResult.Usable.class);
        Grant now = engine.grants.findByInstallationId(minted.id()).orElseThrow();
        assertThat(now.accessToken()).isEqualTo(reminted.tokens().accessToken());
        assertThat(now.source()).isEqualTo(GrantSource.MINTED_FROM_COMPANY);
        assertThat(engine.gateway.presentedRefreshTokens()).as("the agency's token was usable: nothing refreshed")
            .isEmpty();
        assertThat(engine.grants.findByInstallationId(company.id())).contains(companyGrant);
    }
}
