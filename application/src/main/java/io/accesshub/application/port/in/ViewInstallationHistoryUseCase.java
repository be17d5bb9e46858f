package io.accesshub.application.port.in;

import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationId;
import java.util.List;

/** An installation's recent lifecycle events for operators (installed, activated, degraded, …), newest first. */
public interface ViewInstallationHistoryUseCase {

    /** Up to {@code limit} (1–100) recent events of this installation, as long as they are kept. */
    List<InstallationEvent> history(InstallationId installation, int limit);
}
