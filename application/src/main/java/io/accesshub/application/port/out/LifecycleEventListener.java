package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationEvent;

/**
 * Extension point for other teams: receives every installation lifecycle event (installed, activated, degraded,
 * suspended, needs-reauth, recovered, uninstalled, reinstalled) at least once, in order per outbox batch. Must be
 * idempotent; a listener that throws makes the batch be delivered again.
 */
public interface LifecycleEventListener {

    /** Called once per delivered event. */
    void onEvent(InstallationEvent event);
}
