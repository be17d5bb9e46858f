package io.accesshub.application.port.in;

import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.net.URI;
import java.util.Optional;

/** Starts an app-initiated install: a single-use state and the HighLevel authorization page to send the browser to. */
public interface BeginInstallUseCase {

    /** Begins an install of the named app, or of the default app when none is named. */
    BeginInstallResult begin(Optional<MarketplaceAppId> app);

    /** Where the browser goes next, or why it cannot. */
    sealed interface BeginInstallResult {
        /** Send the browser here. */
        record Redirect(URI authorizationPage) implements BeginInstallResult {
        }

        /** No such app is configured (or several are and none was named). */
        record UnknownApp() implements BeginInstallResult {
        }
    }
}
