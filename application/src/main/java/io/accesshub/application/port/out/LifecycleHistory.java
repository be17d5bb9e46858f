package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationId;
import java.util.List;

/**
 * The lifecycle events still kept for an installation (the outbox keeps delivered events for the retention period),
 * newest first.
 */
public interface LifecycleHistory {

    /** Up to {@code limit} events of this installation, newest first. */
    List<InstallationEvent> recent(InstallationId installation, int limit);
}
