package io.accesshub.application.port.in;

import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationStatus;
import java.util.Objects;

/** The installation an SSO user's page belongs to, as far as the caller may see it: its id and status. */
public record SsoInstallation(InstallationId id, InstallationStatus status) {

    public SsoInstallation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }
}
