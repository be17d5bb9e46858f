package io.accesshub.domain.installation;

/**
 * Why an installation is in its current state; stable names, shown by the API and stored as text. Each reason
 * belongs to exactly one {@link InstallationStatus}.
 */
public enum StateReason {
    /** Installed, waiting for a grant from the OAuth callback or a mint from the agency. */
    AWAITING_GRANT(InstallationStatus.PENDING),
    /** A grant came from the OAuth callback. */
    GRANT_ISSUED(InstallationStatus.ACTIVE),
    /** A location grant was minted from the agency's grant. */
    GRANT_MINTED(InstallationStatus.ACTIVE),
    /** A refresh succeeded (also after a failure). */
    REFRESHED(InstallationStatus.ACTIVE),
    /** HighLevel was unavailable (5xx, timeout, 429, network) during a refresh. */
    MARKETPLACE_UNAVAILABLE(InstallationStatus.DEGRADED),
    /** HighLevel refused a refresh with an answer it does not explain (an unknown 4xx): not evidence of a lost grant. */
    REFRESH_REFUSED(InstallationStatus.DEGRADED),
    /** HighLevel answered "Location is not active" (billing paused, location disabled). */
    LOCATION_NOT_ACTIVE(InstallationStatus.SUSPENDED),
    /** HighLevel rejected the refresh token and no recovery path succeeded. */
    REFRESH_TOKEN_REJECTED(InstallationStatus.NEEDS_REAUTH),
    /** A refresh was sent but its answer was lost and no recovery path succeeded. */
    REFRESH_OUTCOME_LOST(InstallationStatus.NEEDS_REAUTH),
    /**
     * The instance that presented the refresh token stopped before storing HighLevel's answer, stayed gone, and no
     * recovery path (grace-window retry, re-mint from the agency) succeeded.
     */
    REFRESH_HOLDER_LOST(InstallationStatus.NEEDS_REAUTH),
    /** The agency grant this location grant was minted from was lost. */
    COMPANY_GRANT_LOST(InstallationStatus.NEEDS_REAUTH),
    /** An UNINSTALL webhook (or reconciliation) reported the app removed. */
    UNINSTALLED_IN_MARKETPLACE(InstallationStatus.UNINSTALLED),
    /** The agency's installation was removed and took this location with it. */
    UNINSTALLED_WITH_COMPANY(InstallationStatus.UNINSTALLED),
    /** The developer removed the app through the marketplace API. */
    UNINSTALLED_BY_DEVELOPER(InstallationStatus.UNINSTALLED),
    /** An install newer than the last uninstall brought the installation back. */
    REINSTALLED(InstallationStatus.PENDING);

    private final InstallationStatus status;

    StateReason(InstallationStatus status) {
        this.status = status;
    }

    /** The one status this reason can explain. */
    public InstallationStatus status() {
        return status;
    }
}
