package io.accesshub.domain.uninstall;

import java.util.Optional;

/** What HighLevel's side of one uninstall attempt came to, as far as the hub's rule for it needs to know. */
public enum MarketplaceAnswer {
    /** HighLevel removed the app. */
    REMOVED(Optional.empty()),
    /** HighLevel says the app is not installed there (any more). */
    NOT_INSTALLED(Optional.empty()),
    /**
     * No credential that could authorise the call is usable: the grant is gone (none yet, or erased), or lost
     * (refresh token rejected, so the installation needs re-consent), or, on a retry after a call may have been sent,
     * the access token was rejected. HighLevel revokes the tokens when it removes the app, so this means "removed"
     * only when a call may already have been sent for the request; {@link DeveloperUninstall} decides.
     */
    CREDENTIALS_REVOKED(Optional.empty()),
    /** HighLevel could not be reached or asked to slow down. */
    UNAVAILABLE(Optional.of(UninstallFailure.MARKETPLACE_UNAVAILABLE)),
    /** The app's client credentials were refused while renewing the token. */
    APP_MISCONFIGURED(Optional.of(UninstallFailure.APP_MISCONFIGURED)),
    /** The location is not active, so its token could not be renewed. */
    LOCATION_NOT_ACTIVE(Optional.of(UninstallFailure.LOCATION_NOT_ACTIVE)),
    /** No grant that could authorise the call holds {@code oauth.write}; HighLevel was not asked. */
    SCOPE_MISSING(Optional.of(UninstallFailure.SCOPE_MISSING)),
    /** An unexplained refusal. */
    REFUSED(Optional.of(UninstallFailure.REFUSED));

    private final Optional<UninstallFailure> failure;

    MarketplaceAnswer(Optional<UninstallFailure> failure) {
        this.failure = failure;
    }

    /** Why the attempt did not finish; empty when the app is gone from HighLevel. */
    public Optional<UninstallFailure> failure() {
        return failure;
    }
}
