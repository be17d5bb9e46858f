package io.accesshub.application.fakes;

import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.InstallationRepositoryContract;

class InMemoryInstallationRepositoryTest extends InstallationRepositoryContract {

    @Override
    protected InstallationRepository newRepository() {
        return new InMemoryInstallationRepository();
    }
}
