package io.accesshub.application.port.in;

/**
 * Heals what lost webhooks left behind: every active agency installation is re-provisioned from HighLevel's list of
 * installed locations, so a location whose INSTALL never arrived still gets its token.
 */
public interface ReconcileInstallationsUseCase {

    /** Schedules reconciliation of every active agency installation; returns how many were scheduled. */
    int reconcileAgencies();
}
