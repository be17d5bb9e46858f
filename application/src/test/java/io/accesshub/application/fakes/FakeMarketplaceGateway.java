package io.accesshub.application.fakes;

import io.accesshub.application.port.out.AuthorizationCode;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A scriptable gateway: each call takes the next scripted outcome for its kind and records what was presented. */
public final class FakeMarketplaceGateway implements MarketplaceGateway {

    private final Deque<Supplier<TokenExchangeOutcome>> exchanges = new ArrayDeque<>();
    private final Deque<Supplier<TokenExchangeOutcome>> refreshes = new ArrayDeque<>();
    private final Deque<Supplier<TokenExchangeOutcome>> mints = new ArrayDeque<>();
    private final List<String> presentedCodes = new ArrayList<>();
    private final List<String> presentedRefreshTokens = new ArrayList<>();

    public synchronized FakeMarketplaceGateway onExchange(TokenExchangeOutcome outcome) {
        exchanges.add(() -> outcome);
        return this;
    }

    public synchronized FakeMarketplaceGateway onRefresh(Supplier<TokenExchangeOutcome> outcome) {
        refreshes.add(outcome);
        return this;
    }

    public synchronized FakeMarketplaceGateway onMint(Supplier<TokenExchangeOutcome> outcome) {
        mints.add(outcome);
        return this;
    }

    @Override
    public URI authorizationPage(MarketplaceAppId app, Optional<String> state) {
        return URI.create("https://marketplace.example/v2/oauth/chooselocation?client_id=" + app.value()
            + state.map(s -> "&state=" + s).orElse(""));
    }

    @Override
    public synchronized TokenExchangeOutcome exchangeAuthorizationCode(MarketplaceAppId app, AuthorizationCode code) {
        presentedCodes.add(code.value());
        return next(exchanges, "exchange");
    }

    @Override
    public synchronized TokenExchangeOutcome refresh(MarketplaceAppId app, RefreshToken refreshToken,
                                                     UserType userType) {
        presentedRefreshTokens.add(refreshToken.value());
        return next(refreshes, "refresh");
    }

    @Override
    public synchronized TokenExchangeOutcome mintLocationToken(MarketplaceAppId app, AccessToken companyAccessToken,
                                                               CompanyId companyId, LocationId locationId) {
        return next(mints, "mint");
    }

    @Override
    public io.accesshub.application.port.out.InstalledLocationsOutcome installedLocations(MarketplaceAppId app,
            AccessToken companyAccessToken, CompanyId companyId, int offset, int limit) {
        return new io.accesshub.application.port.out.InstalledLocationsOutcome.Page(List.of(), 0, false);
    }

    private static TokenExchangeOutcome next(Deque<Supplier<TokenExchangeOutcome>> script, String what) {
        Supplier<TokenExchangeOutcome> outcome = script.poll();
        if (outcome == null) {
            throw new AssertionError("no scripted outcome left for " + what);
        }
        return outcome.get();
    }

    public synchronized List<String> presentedCodes() {
        return List.copyOf(presentedCodes);
    }

    public synchronized List<String> presentedRefreshTokens() {
        return List.copyOf(presentedRefreshTokens);
    }
}
