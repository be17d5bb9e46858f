package io.accesshub.application.fakes;

import io.accesshub.application.port.out.UninstallRequests;
import io.accesshub.application.port.out.UninstallRequestsContract;
import io.accesshub.domain.installation.InstallationId;

/** The uninstall-queue contract against the in-memory fake. */
class InMemoryUninstallRequestsTest extends UninstallRequestsContract {

    @Override
    protected UninstallRequests newQueue(InstallationId... installations) {
        return new InMemoryUninstallRequests();
    }
}
