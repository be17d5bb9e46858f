package io.accesshub.application.port.out;

import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import java.net.URI;
import java.util.Optional;

/**
 * Talks to HighLevel's marketplace for the configured apps: the authorization page, code exchange, refresh and
 * agency-to-location token minting. Implementations pace calls within HighLevel's rate limits and never retry a
 * request that may have spent a single-use credential.
 */
public interface MarketplaceGateway {

    /** Where to send a browser to install the app, carrying {@code state} when given. */
    URI authorizationPage(MarketplaceAppId app, Optional<String> state);

    /** Exchanges an authorization code; sent once, never retried. */
    TokenExchangeOutcome exchangeAuthorizationCode(MarketplaceAppId app, AuthorizationCode code);

    /** Presents a refresh token once; the caller holds the refresh lease. */
    TokenExchangeOutcome refresh(MarketplaceAppId app, RefreshToken refreshToken, UserType userType);

    /** Mints a location token from an agency's access token ({@code oauth.write}). */
    TokenExchangeOutcome mintLocationToken(MarketplaceAppId app, AccessToken companyAccessToken, CompanyId companyId,
                                           LocationId locationId);

    /** One page ({@code offset}, {@code limit}) of the agency's locations with whether the app is installed there. */
    InstalledLocationsOutcome installedLocations(MarketplaceAppId app, AccessToken companyAccessToken,
                                                 CompanyId companyId, int offset, int limit);
}
