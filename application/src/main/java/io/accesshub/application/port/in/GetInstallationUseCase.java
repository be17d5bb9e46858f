package io.accesshub.application.port.in;

import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.installation.InstallationId;
import java.util.Optional;

/** Shows one installation to operators (state, reason, grant summary; never tokens). */
public interface GetInstallationUseCase {

    /** The installation with this id, whoever asks. */
    Optional<InstallationSummary> get(InstallationId id);

    /** The installation with this id if the scope sees it; else empty, exactly as for an unknown id. */
    default Optional<InstallationSummary> get(AccessScope scope, InstallationId id) {
        return get(id).filter(summary -> scope.permits(summary.key()));
    }
}
