package io.accesshub.application.port.out;

import io.accesshub.domain.grant.ScopeRequirement;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.List;
import java.util.Optional;

/** The marketplace apps this hub is configured for; with one app no request needs to name it. */
public interface MarketplaceApps {

    /** Every configured app. */
    List<MarketplaceApp> all();

    /** The app with this id, if configured. */
    Optional<MarketplaceApp> find(MarketplaceAppId id);

    /** The only app, or the one marked default; empty when several apps are configured and none is the default. */
    Optional<MarketplaceApp> defaultApp();

    /** The named app, or the default one when none is named. */
    default Optional<MarketplaceApp> resolve(Optional<MarketplaceAppId> requested) {
        return requested.isPresent() ? find(requested.get()) : defaultApp();
    }

    /**
     * The scopes the installation's app is configured with that a grant holding {@code granted} lacks
     * ({@link ScopeRequirement}); none when the app is not configured.
     */
    default Scopes missingScopes(InstallationKey installation, Scopes granted) {
        return find(installation.appId())
            .map(app -> ScopeRequirement.missing(app.requestedScopes(), installation.userType(), granted))
            .orElse(Scopes.none());
    }
}
