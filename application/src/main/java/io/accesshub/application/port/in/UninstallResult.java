package io.accesshub.application.port.in;

/** How a developer uninstall stands after a request: recorded, queued for a retry, or about no known installation. */
public enum UninstallResult {
    /** HighLevel confirmed (or had already) and the hub recorded the installation as uninstalled. */
    UNINSTALLED,
    /** HighLevel could not be asked or did not confirm yet: the request is kept and retried in the background. */
    QUEUED,
    /** No installation has this id. */
    NOT_FOUND
}
