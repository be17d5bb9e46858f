package io.accesshub.application.port.in;

import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.uninstall.UninstallReason;

/** Removes the app from an installation at the developer's request: at HighLevel first, then in the hub. */
public interface UninstallInstallationUseCase {

    /**
     * Asks HighLevel to remove the app and, once it has, erases the tokens, records the installation as uninstalled
     * by the developer and cascades to the locations minted from it. Repeating it is harmless.
     */
    UninstallResult uninstall(InstallationId id, UninstallReason reason);
}
