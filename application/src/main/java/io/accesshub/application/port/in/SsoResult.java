package io.accesshub.application.port.in;

import io.accesshub.domain.sso.SsoUserContext;
import java.util.Objects;
import java.util.Optional;

/** What decrypting a custom page's SSO payload gives. */
public sealed interface SsoResult {

    /**
     * The payload opened: the user context and the installation of the user's location (or, without one, company),
     * empty when the app is not installed there or the caller's scope does not see it.
     */
    record Decrypted(SsoUserContext user, Optional<SsoInstallation> installation) implements SsoResult {
        public Decrypted {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(installation, "installation");
        }
    }

    /** The payload does not open with the app's secret, for whatever reason; deliberately without detail. */
    record InvalidPayload() implements SsoResult {
    }

    /** Several apps have an SSO secret and the request named none. */
    record AppRequired() implements SsoResult {
    }

    /** The named app (or, naming none, every app) has no SSO secret configured. */
    record NotConfigured() implements SsoResult {
    }
}
