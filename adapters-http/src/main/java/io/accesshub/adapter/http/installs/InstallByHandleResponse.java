package io.accesshub.adapter.http.installs;

import io.accesshub.application.port.in.FindInstallByHandleUseCase.InstallByHandle;
import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.marketplace.LocationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The install a handle names: the install link's reference (null when it had none) and the installation now. */
@Serdeable
@Schema(name = "InstallByHandleResponse")
public record InstallByHandleResponse(
    @Nullable @Schema(description = "the ref given to /oauth/install, as the hub received it", nullable = true)
    String ref,
    String installationId,
    @Schema(description = "PENDING, ACTIVE, DEGRADED, SUSPENDED, NEEDS_REAUTH or UNINSTALLED") String status,
    String companyId,
    @Nullable @Schema(description = "null for an agency install", nullable = true) String locationId) {

    static InstallByHandleResponse of(InstallByHandle install) {
        return new InstallByHandleResponse(install.ref().map(InstallReference::value).orElse(null),
            install.installationId().toString(), install.status().name(), install.companyId().value(),
            install.locationId().map(LocationId::value).orElse(null));
    }
}
