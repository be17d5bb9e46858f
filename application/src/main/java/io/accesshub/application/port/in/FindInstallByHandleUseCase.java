package io.accesshub.application.port.in;

import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the signed handle a successful install's redirect carried ({@code accesshub_install}) to that install,
 * for 24 hours, so the SaaS that started it can link it to its logged-in user.
 */
public interface FindInstallByHandleUseCase {

    /** The install, when the handle is intact, unexpired and its installation still exists. */
    Optional<InstallByHandle> find(String handle);

    /** The install as {@link #find(String)}, but only when the scope sees its installation (else empty, as unknown). */
    Optional<InstallByHandle> find(AccessScope scope, String handle);

    /** What a handle resolves to: the reference given to the install link and the installation as it is now. */
    record InstallByHandle(Optional<InstallReference> ref, InstallationId installationId, InstallationStatus status,
                           CompanyId companyId, Optional<LocationId> locationId) {
        public InstallByHandle {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(installationId, "installationId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(locationId, "locationId");
        }
    }
}
