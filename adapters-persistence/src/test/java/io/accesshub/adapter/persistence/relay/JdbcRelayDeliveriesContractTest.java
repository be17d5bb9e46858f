package io.accesshub.adapter.persistence.relay;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.RelayDeliveries;
import io.accesshub.application.port.out.RelayDeliveriesContract;
import io.accesshub.application.port.out.RelaySubscriptions;

/** The relay delivery contract against the real database. */
class JdbcRelayDeliveriesContractTest extends RelayDeliveriesContract {

    @Override
    protected Stores newStores() {
        Stores stores = new Stores(SharedContext.bean(RelaySubscriptions.class),
            SharedContext.bean(RelayDeliveries.class));
        TestDatabase.shared().truncateTables();
        return stores;
    }
}
