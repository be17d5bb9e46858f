package io.accesshub.adapter.persistence.console;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.ConsoleSessionStore;
import io.accesshub.application.port.out.ConsoleSessionStoreContract;

/** The console session contract against the real database. */
class JdbcConsoleSessionStoreContractTest extends ConsoleSessionStoreContract {

    @Override
    protected ConsoleSessionStore newStore() {
        ConsoleSessionStore store = SharedContext.bean(ConsoleSessionStore.class);
        TestDatabase.shared().truncateTables();
        return store;
    }
}
