package io.accesshub.domain.installation;

/** The kinds of installation lifecycle events other teams subscribe to. */
public enum InstallationEventType {
    INSTALLED,
    ACTIVATED,
    DEGRADED,
    SUSPENDED,
    NEEDS_REAUTH,
    RECOVERED,
    UNINSTALLED,
    REINSTALLED
}
