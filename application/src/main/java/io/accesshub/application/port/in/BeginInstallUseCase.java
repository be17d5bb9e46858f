package io.accesshub.application.port.in;

import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts an app-initiated install: a single-use state bound to the browser, and the HighLevel authorization page to
 * send the browser to.
 */
public interface BeginInstallUseCase {

    /** Begins an install of the named app, or of the default app when none is named. */
    BeginInstallResult begin(BeginInstall command);

    /**
     * The install link's parameters: the app, the SaaS's opaque reference, and the browser binding the browser
     * already holds (its install cookie), reused so that installs started in several tabs all complete.
     */
    record BeginInstall(Optional<MarketplaceAppId> app, Optional<InstallReference> ref,
                        Optional<String> browserBinding) {
        public BeginInstall {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(browserBinding, "browserBinding");
        }

        @Override
        public String toString() {
            return "BeginInstall[app=" + app + ", ref=" + (ref.isPresent() ? "<present>" : "<none>")
                + ", browserBinding=" + (browserBinding.isPresent() ? "<present>" : "<none>") + "]";
        }
    }

    /** Where the browser goes next, or why it cannot. */
    sealed interface BeginInstallResult {
        /**
         * Send the browser here, holding {@code browserBinding} (a signed value, for an HttpOnly cookie) for
         * {@code bindingLifetime}: only a browser presenting it can complete this install.
         */
        record Redirect(URI authorizationPage, String browserBinding, Duration bindingLifetime)
            implements BeginInstallResult {
            @Override
            public String toString() {
                return "Redirect[authorizationPage=<with state>, browserBinding=<redacted>, bindingLifetime="
                    + bindingLifetime + "]";
            }
        }

        /** No such app is configured (or several are and none was named). */
        record UnknownApp() implements BeginInstallResult {
        }
    }
}
