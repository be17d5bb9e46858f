package io.accesshub.application.port.in;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Optional;

/**
 * Hands out a usable access token for a location or an agency: from storage in steady state, refreshing (or joining
 * a refresh already running, in this JVM or another instance) when it is expired or about to expire. A token outside
 * the caller's scope is answered exactly like one that is not installed, and every token handed out is counted in
 * the audit of token reads under the caller's name.
 */
public interface GetAccessTokenUseCase {

    /** The token of a location, for the named app or the default one, as this caller may see it. */
    TokenResult accessTokenForLocation(Caller caller, Optional<MarketplaceAppId> app, LocationId locationId);

    /** The token of an agency (company), for the named app or the default one, as this caller may see it. */
    TokenResult accessTokenForCompany(Caller caller, Optional<MarketplaceAppId> app, CompanyId companyId);

    /** The token of a location, for code running in the hub's process ({@link Caller#IN_PROCESS}). */
    default TokenResult accessTokenForLocation(Optional<MarketplaceAppId> app, LocationId locationId) {
        return accessTokenForLocation(Caller.IN_PROCESS, app, locationId);
    }

    /** The token of an agency, for code running in the hub's process ({@link Caller#IN_PROCESS}). */
    default TokenResult accessTokenForCompany(Optional<MarketplaceAppId> app, CompanyId companyId) {
        return accessTokenForCompany(Caller.IN_PROCESS, app, companyId);
    }
}
