package io.accesshub.application.port.in;

import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a token read found; callers switch over it exhaustively. */
public sealed interface TokenResult {

    /** A usable token of an installation of {@code app}. */
    record Issued(AccessToken accessToken, Instant expiresAt, Scopes scopes, CompanyId companyId,
                  Optional<LocationId> locationId, GrantSource source, MarketplaceAppId app) implements TokenResult {

        /** The installation the token belongs to. */
        public InstallationKey installationKey() {
            return new InstallationKey(app, companyId, locationId);
        }
    }

    /** The app is not installed there (or was uninstalled). */
    record NotInstalled() implements TokenResult {
    }

    /** The grant is lost; the customer must install the app again. */
    record NeedsReauthorization(StateReason reason) implements TokenResult {
    }

    /** HighLevel reports the location as not active (paused billing, disabled); the grant is kept. */
    record Suspended(StateReason reason) implements TokenResult {
    }

    /**
     * HighLevel refuses the app's client credentials (a wrong or rotated client secret): an operator must fix the
     * app's configuration; every grant is kept and refreshes resume once the credentials work.
     */
    record AppMisconfigured(MarketplaceAppId app) implements TokenResult {
    }

    /** No usable token right now: HighLevel is unreachable or another refresh is still running. */
    record MarketplaceUnavailable(Optional<Duration> retryAfter) implements TokenResult {
    }
}
