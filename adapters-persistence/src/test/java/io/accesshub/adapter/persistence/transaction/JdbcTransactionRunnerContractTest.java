package io.accesshub.adapter.persistence.transaction;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.port.out.TransactionRunnerContract;

/** The transaction runner contract against the real database and the JDBC repositories. */
class JdbcTransactionRunnerContractTest extends TransactionRunnerContract {

    @Override
    protected TransactionRunner newTransactionRunner() {
        return SharedContext.bean(TransactionRunner.class);
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
