package io.accesshub.adapter.persistence.installstate;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.InstallStateStore;
import io.accesshub.application.port.out.InstallStateStoreContract;

/** The install-state contract against the real database. */
class JdbcInstallStateStoreContractTest extends InstallStateStoreContract {

    @Override
    protected InstallStateStore newStore() {
        InstallStateStore store = SharedContext.bean(InstallStateStore.class);
        TestDatabase.shared().truncateTables();
        return store;
    }
}
