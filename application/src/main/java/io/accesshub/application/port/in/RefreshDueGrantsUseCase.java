package io.accesshub.application.port.in;

/** Proactive refresh: claims grants that are due and refreshes them so token reads never wait on HighLevel. */
public interface RefreshDueGrantsUseCase {

    /** Refreshes one batch of due grants; returns how many were examined. */
    int refreshDueGrants();
}
