package io.accesshub.application.fakes;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.GrantRepositoryContract;
import io.accesshub.application.port.out.InstallationRepository;

class InMemoryGrantRepositoryTest extends GrantRepositoryContract {

    @Override
    protected GrantRepository newRepository() {
        return new InMemoryGrantRepository();
    }

    @Override
    protected InstallationRepository installationRepository() {
        return new InMemoryInstallationRepository();
    }
}
