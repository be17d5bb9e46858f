package io.accesshub.application.port.in;

import io.accesshub.domain.installation.InstallationId;

import java.util.Optional;

/** Shows one installation to operators (state, reason, grant summary; never tokens). */
public interface GetInstallationUseCase {

    Optional<InstallationSummary> get(InstallationId id);
}
