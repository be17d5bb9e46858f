package io.accesshub.application.fakes;

import io.accesshub.application.port.out.InstallStateStore;
import io.accesshub.application.port.out.InstallStateStoreContract;

class InMemoryInstallStateStoreTest extends InstallStateStoreContract {

    @Override
    protected InstallStateStore newStore() {
        return new InMemoryInstallStateStore();
    }
}
