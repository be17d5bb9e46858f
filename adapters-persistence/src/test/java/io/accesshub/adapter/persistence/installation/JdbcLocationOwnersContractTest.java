package io.accesshub.adapter.persistence.installation;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.LocationOwners;
import io.accesshub.application.port.out.LocationOwnersContract;

/** The location-ownership contract against the real database. */
class JdbcLocationOwnersContractTest extends LocationOwnersContract {

    @Override
    protected LocationOwners newOwners() {
        LocationOwners owners = SharedContext.bean(LocationOwners.class);
        TestDatabase.shared().truncateTables();
        return owners;
    }
}
