package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;

import java.util.Optional;

/**
 * Reads what a token request needs, an installation's state with its grant's access token, in one indexed lookup
 * that decrypts only the access token.
 */
public interface TokenReads {

    /** The app's installation of this location, under whichever company (the lowest installation id if several). */
    Optional<TokenView> location(MarketplaceAppId app, LocationId location);

    /** The installation with this natural key (app + company, and the location for a location installation). */
    Optional<TokenView> installation(InstallationKey key);
}
