package io.accesshub.adapter.persistence.grant;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.GrantRepositoryContract;
import io.accesshub.application.port.out.InstallationRepository;

/** The grant repository contract against the real database, tokens encrypted with a test keyset. */
class JdbcGrantRepositoryContractTest extends GrantRepositoryContract {

    @Override
    protected GrantRepository newRepository() {
        return SharedContext.bean(GrantRepository.class);
    }

    @Override
    protected InstallationRepository installationRepository() {
        return SharedContext.bean(InstallationRepository.class);
    }
}
