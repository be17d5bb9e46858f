package io.accesshub.application.port.out;

import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Objects;

/**
 * A configured marketplace app as the core sees it: its id, a display name and the scopes it asks for; never its
 * client secret.
 */
public record MarketplaceApp(MarketplaceAppId id, String name, Scopes requestedScopes) {

    public MarketplaceApp {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requestedScopes, "requestedScopes");
    }
}
