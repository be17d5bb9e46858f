package io.accesshub.application.fakes;

import io.accesshub.application.port.out.LocationOwners;
import io.accesshub.application.port.out.LocationOwnersContract;

class InMemoryLocationOwnersTest extends LocationOwnersContract {

    @Override
    protected LocationOwners newOwners() {
        return new InMemoryLocationOwners();
    }
}
