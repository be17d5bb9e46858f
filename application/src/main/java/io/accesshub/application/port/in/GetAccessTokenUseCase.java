package io.accesshub.application.port.in;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Optional;

/**
 * Hands out a usable access token for a location or an agency: from storage in steady state, refreshing (or joining
 * a refresh already running, in this JVM or another instance) when it is expired or about to expire.
 */
public interface GetAccessTokenUseCase {

    /** The token of a location, for the named app or the default one. */
    TokenResult accessTokenForLocation(Optional<MarketplaceAppId> app, LocationId locationId);

    /** The token of an agency (company), for the named app or the default one. */
    TokenResult accessTokenForCompany(Optional<MarketplaceAppId> app, CompanyId companyId);
}
