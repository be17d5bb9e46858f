package io.accesshub.domain.uninstall;

/** Why the last attempt of a developer uninstall did not finish; stable names, shown by the API and stored as text. */
public enum UninstallFailure {
    /** HighLevel was unavailable (5xx, timeout, 429, network), for the uninstall call or the token it needs. */
    MARKETPLACE_UNAVAILABLE,
    /** HighLevel refused the app's client credentials while the hub renewed the token for the call. */
    APP_MISCONFIGURED,
    /** HighLevel answered that the location is not active, so no token could be renewed for the call. */
    LOCATION_NOT_ACTIVE,
    /** HighLevel refused the call for a reason it does not explain (missing scope, an unknown 4xx). */
    REFUSED,
    /**
     * No credential of the installation (nor, for a location, its agency's) can authorise the call, and no call was
     * ever sent for this request, so nothing says HighLevel removed the app: the request waits for a usable grant.
     */
    NO_USABLE_CREDENTIALS
}
