package io.accesshub.domain.installation;

/** The kinds of installation lifecycle events other teams subscribe to. */
public enum InstallationEventType {
    /** A new installation became known (pending its grant). */
    INSTALLED,
    /** A pending installation got its first grant; the reason says whether issued or minted from the agency. */
    ACTIVATED,
    /** A refresh failed for a passing reason. */
    DEGRADED,
    /** HighLevel reported the location not active. */
    SUSPENDED,
    /** The grant is lost; the customer must install again. */
    NEEDS_REAUTH,
    /** A degraded, suspended or needs-reauth installation works again. */
    RECOVERED,
    /** The app was removed. */
    UNINSTALLED,
    /** An uninstalled installation was installed again (pending its grant). */
    REINSTALLED,
    /** HighLevel reported the installation on another plan of the app (the event carries the new plan). */
    PLAN_CHANGED,
    /** A grant was stored without some of the scopes the app is configured with; calls needing them will fail. */
    SCOPES_MISSING
}
