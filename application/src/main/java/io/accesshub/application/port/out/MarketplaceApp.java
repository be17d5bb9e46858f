package io.accesshub.application.port.out;

import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Objects;

/**
 * A configured marketplace app as the core sees it: its id, a display name and the scopes it asks for; never its
 * client secret.
 */
public record MarketplaceApp(MarketplaceAppId id, String name, Scopes requestedScopes,
                             LocationTokenRefreshPolicy locationTokenPolicy) {

    public MarketplaceApp {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requestedScopes, "requestedScopes");
        Objects.requireNonNull(locationTokenPolicy, "locationTokenPolicy");
    }

    /** An app with the default location-token policy (refresh its own token, re-mint when that fails). */
    public MarketplaceApp(MarketplaceAppId id, String name, Scopes requestedScopes) {
        this(id, name, requestedScopes, LocationTokenRefreshPolicy.REFRESH_OWN_TOKEN_THEN_REMINT);
    }
}
