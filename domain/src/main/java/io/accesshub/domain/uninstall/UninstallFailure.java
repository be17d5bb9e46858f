package io.accesshub.domain.uninstall;

/**
 * Why the last attempt of a developer uninstall did not finish; stable names, shown by the API and stored as text.
 * A failure that cannot go away without someone acting is {@link #needsAction() permanent}: after
 * {@link UninstallBackoff#PARK_AFTER} attempts a request failing so is parked (tried no more until repeated).
 */
public enum UninstallFailure {
    /** HighLevel was unavailable (5xx, timeout, 429, network), for the uninstall call or the token it needs. */
    MARKETPLACE_UNAVAILABLE(false),
    /** HighLevel refused the app's client credentials while the hub renewed the token for the call. */
    APP_MISCONFIGURED(true),
    /** HighLevel answered that the location is not active, so no token could be renewed for the call. */
    LOCATION_NOT_ACTIVE(true),
    /** HighLevel refused the call for a reason it does not explain (an unknown 4xx). */
    REFUSED(true),
    /** No grant that could authorise the call holds {@code oauth.write}; HighLevel was not asked. */
    SCOPE_MISSING(true),
    /**
     * No credential of the installation (nor, for a location, its agency's) can authorise the call, and no call was
     * ever sent for this request, so nothing says HighLevel removed the app: the request waits for a usable grant.
     */
    NO_USABLE_CREDENTIALS(true),
    /** The attempt broke down inside the hub (its database, an unexpected error); it is retried like any other. */
    INTERNAL(false);

    private final boolean needsAction;

    UninstallFailure(boolean needsAction) {
        this.needsAction = needsAction;
    }

    /** Whether retrying cannot help until someone acts (reconsent, configuration, reactivation). */
    public boolean needsAction() {
        return needsAction;
    }
}
