package io.accesshub.domain.installation;

import java.util.EnumSet;
import java.util.Set;

/** Where an installation stands in its lifecycle; the allowed moves between states live here. */
public enum InstallationStatus {
    /** Known to be installed (webhook, reconciliation) but no grant is stored yet. */
    PENDING,
    /** Holds a grant that was issued or refreshed successfully. */
    ACTIVE,
    /** Holds a grant, but the last refresh failed for a passing reason (5xx, timeout, 429, network). */
    DEGRADED,
    /** HighLevel answered "Location is not active": the refresh token is kept and retried with backoff. */
    SUSPENDED,
    /** The grant is lost (refresh token rejected, no recovery path): the customer must install again. */
    NEEDS_REAUTH,
    /** The app was removed; tokens are erased. Only a newer install brings it back. */
    UNINSTALLED;

    /** Whether moving from this state to {@code target} is a legal lifecycle change (a state never moves to itself). */
    public boolean canMoveTo(InstallationStatus target) {
        return allowedTargets().contains(target);
    }

    /** The states reachable from this one in one step. */
    public Set<InstallationStatus> allowedTargets() {
        return switch (this) {
            case PENDING -> EnumSet.of(ACTIVE, UNINSTALLED);
            case ACTIVE -> EnumSet.of(DEGRADED, SUSPENDED, NEEDS_REAUTH, UNINSTALLED);
            case DEGRADED -> EnumSet.of(ACTIVE, SUSPENDED, NEEDS_REAUTH, UNINSTALLED);
            case SUSPENDED -> EnumSet.of(ACTIVE, NEEDS_REAUTH, UNINSTALLED);
            case NEEDS_REAUTH -> EnumSet.of(ACTIVE, UNINSTALLED);
            case UNINSTALLED -> EnumSet.of(PENDING);
        };
    }

    /** Whether the installation is considered installed in HighLevel (anything but uninstalled). */
    public boolean isInstalled() {
        return this != UNINSTALLED;
    }

    /**
     * Whether an installation in this state may keep its grant: an uninstalled app holds no tokens, so the change that
     * uninstalls erases the grant with it.
     */
    public boolean keepsGrant() {
        return isInstalled();
    }

    /** Whether a stored grant may be handed out or used (active, or degraded while its access token lasts). */
    public boolean servesTokens() {
        return this == ACTIVE || this == DEGRADED;
    }
}
