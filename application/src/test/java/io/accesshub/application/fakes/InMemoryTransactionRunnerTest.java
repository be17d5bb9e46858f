package io.accesshub.application.fakes;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.port.out.TransactionRunnerContract;

class InMemoryTransactionRunnerTest extends TransactionRunnerContract {

    private final InMemoryInstallationRepository installationStore = new InMemoryInstallationRepository();
    private final InMemoryGrantRepository grantStore = new InMemoryGrantRepository();

    @Override
    protected TransactionRunner newTransactionRunner() {
        return new InMemoryTransactionRunner(installationStore, grantStore);
    }

    @Override
    protected InstallationRepository installationRepository() {
        return installationStore;
    }

    @Override
    protected GrantRepository grantRepository() {
        return grantStore;
    }
}
