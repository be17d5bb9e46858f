package io.accesshub.adapter.persistence.installation;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.InstallationRepositoryContract;

/** The installation repository contract against the real database. */
class JdbcInstallationRepositoryContractTest extends InstallationRepositoryContract {

    @Override
    protected InstallationRepository newRepository() {
        return SharedContext.bean(InstallationRepository.class);
    }
}
