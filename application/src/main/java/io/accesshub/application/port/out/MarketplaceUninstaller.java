package io.accesshub.application.port.out;

import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.uninstall.UninstallReason;

/**
 * Asks HighLevel to remove the app from an agency (and with it from all the agency's locations) or from one location.
 * HighLevel's uninstall is idempotent, so a request whose answer was lost may be sent again.
 */
public interface MarketplaceUninstaller {

    /**
     * Sends one uninstall request for {@code target}, authorised by {@code bearer}, an access token of
     * {@code bearerType} (the location's own, or its agency's); never retried here.
     */
    UninstallOutcome uninstall(InstallationKey target, AccessToken bearer, UserType bearerType,
                               UninstallReason reason);
}
