package io.accesshub.domain.uninstall;

import java.util.Optional;

/** What HighLevel's side of one uninstall attempt came to, as far as the hub's rule for it needs to know. */
public enum MarketplaceAnswer {
    /** HighLevel removed the app. */
    REMOVED(Optional.empty()),
    /** HighLevel says the app is not installed there (any more). */
    NOT_INSTALLED(Optional.empty()),
    /**
     * HighLevel accepts none of the installation's credentials any more (refresh token rejected, access token
     * rejected after a renewal): it revoked them, as it does when the app is removed.
     */
    CREDENTIALS_REVOKED(Optional.empty()),
    /** HighLevel could not be reached or asked to slow down. */
    UNAVAILABLE(Optional.of(UninstallFailure.MARKETPLACE_UNAVAILABLE)),
    /** The app's client credentials were refused while renewing the token. */
    APP_MISCONFIGURED(Optional.of(UninstallFailure.APP_MISCONFIGURED)),
    /** The location is not active, so its token could not be renewed. */
    LOCATION_NOT_ACTIVE(Optional.of(UninstallFailure.LOCATION_NOT_ACTIVE)),
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
