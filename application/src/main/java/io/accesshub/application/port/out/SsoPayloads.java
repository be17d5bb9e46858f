package io.accesshub.application.port.out;

import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.sso.SsoUserContext;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the encrypted user context HighLevel gives a custom page, with the app's shared SSO secret. The secret and the
 * plaintext stay in the adapter; implementations log neither the payload nor what it decrypts to.
 */
public interface SsoPayloads {

    /** The apps that have an SSO secret configured. */
    Set<MarketplaceAppId> appsWithSsoSecret();

    /**
     * The user context in {@code payload}, or empty for any payload that does not open with this app's secret
     * (malformed, tampered, truncated, another secret, not the documented JSON) or an app without a secret. Every
     * such failure gives the same empty answer, so a caller cannot tell them apart.
     */
    Optional<SsoUserContext> open(MarketplaceAppId app, String payload);
}
