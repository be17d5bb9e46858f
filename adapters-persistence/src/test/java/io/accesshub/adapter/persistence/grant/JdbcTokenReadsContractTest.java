package io.accesshub.adapter.persistence.grant;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.TokenReads;
import io.accesshub.application.port.out.TokenReadsContract;

/** The token reads contract against the real database, tokens encrypted with a test keyset. */
class JdbcTokenReadsContractTest extends TokenReadsContract {

    @Override
    protected TokenReads newReads() {
        return SharedContext.bean(TokenReads.class);
    }

    @Override
    protected InstallationRepository installationRepository() {
        return SharedContext.bean(InstallationRepository.class);
    }

    @Override
    protected GrantRepository grantRepository() {
        return SharedContext.bean(GrantRepository.class);
    }
}
