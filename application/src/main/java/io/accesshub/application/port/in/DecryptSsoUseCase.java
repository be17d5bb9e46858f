package io.accesshub.application.port.in;

import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Optional;

/**
 * Decrypts the user context HighLevel hands a custom page ({@code REQUEST_USER_DATA}) with the app's shared SSO
 * secret, and finds the installation it belongs to. Usable in-process with {@link Caller#IN_PROCESS}.
 *
 * <p>The payload has no timestamp and can be replayed: callers bind the answer to a session of their own.
 */
public interface DecryptSsoUseCase {

    /**
     * Opens {@code payload} with the secret of {@code app}, or of the only app with an SSO secret when none is named.
     * The installation is looked up within the caller's scope.
     */
    SsoResult decrypt(Caller caller, Optional<MarketplaceAppId> app, String payload);
}
