package io.accesshub.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.AuthorizationCode;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.MarketplaceGatewayContract;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeMarketplaceGatewayTest extends MarketplaceGatewayContract {

    private static final List<LocationId> LOCATIONS = List.of(LocationId.of("fake-loc-1"), LocationId.of("fake-loc-2"),
        LocationId.of("fake-loc-3"), LocationId.of("fake-loc-4"), LocationId.of("fake-loc-5"));

    private final FakeMarketplaceGateway fake = FakeMarketplaceGateway.behavingLikeHighLevel(
        Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), CompanyId.of("fake-company"), LOCATIONS);

    @Override
    protected MarketplaceGateway gateway() {
        return fake;
    }

    @Override
    protected MarketplaceAppId app() {
        return MarketplaceAppId.of("65f0c0ffee0123456789abcd");
    }

    @Override
    protected AuthorizationCode locationInstallCode(LocationId location) {
        return fake.authorizeLocation(location);
    }

    @Override
    protected AuthorizationCode agencyInstallCode() {
        return fake.authorizeAgency();
    }

    @Override
    protected List<LocationId> agencyLocations() {
        return LOCATIONS;
    }

    @Override
    protected void rotateClientSecretAtHighLevel() {
        fake.refuseClientCredentials(true);
    }

    @Override
    protected void restoreClientSecretAtHighLevel() {
        fake.refuseClientCredentials(false);
    }

    @Test
    void aClientRefusalIsCountedButIsNoPresentation() {
        TokenExchangeOutcome.Issued installed = (TokenExchangeOutcome.Issued) fake.exchangeAuthorizationCode(app(),
            fake.authorizeLocation(LOCATIONS.get(0)));
        RefreshToken token = installed.tokens().refreshToken().orElseThrow();

        fake.refuseClientCredentials(true);
        assertThat(fake.refresh(app(), token, UserType.LOCATION))
            .isInstanceOf(TokenExchangeOutcome.InvalidClient.class);
        fake.refuseClientCredentials(false);

        assertThat(fake.clientRefusals()).isEqualTo(1);
        assertThat(fake.presentationsOf(token)).isZero();
        assertThat(fake.refresh(app(), token, UserType.LOCATION)).isInstanceOf(TokenExchangeOutcome.Issued.class);
    }

    @Test
    void aScriptedOutcomeWinsOverTheEmulationAndPresentationsAreCounted() {
        TokenExchangeOutcome.Issued installed = (TokenExchangeOutcome.Issued) fake.exchangeAuthorizationCode(app(),
            fake.authorizeLocation(LOCATIONS.get(0)));
        RefreshToken token = installed.tokens().refreshToken().orElseThrow();
        fake.onRefresh(() -> new TokenExchangeOutcome.Transient(Optional.empty(), "scripted 503"));

        assertThat(fake.refresh(app(), token, UserType.LOCATION)).isInstanceOf(TokenExchangeOutcome.Transient.class);
        assertThat(fake.refresh(app(), token, UserType.LOCATION)).isInstanceOf(TokenExchangeOutcome.Issued.class);
        assertThat(fake.presentationsOf(token)).isEqualTo(2);
        assertThat(fake.presentedRefreshTokens()).containsExactly(token.value(), token.value());
    }

    @Test
    void aPurelyScriptedFakeFailsACallWithNothingScripted() {
        FakeMarketplaceGateway scripted = new FakeMarketplaceGateway();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> scripted.refresh(app(), RefreshToken.of("fake-rt-x"), UserType.LOCATION))
            .isInstanceOf(AssertionError.class);
    }
}
