package io.accesshub.application.fakes;

import io.accesshub.application.port.out.RelaySubscriptions;
import io.accesshub.application.port.out.RelaySubscriptionsContract;

class InMemoryRelaySubscriptionsTest extends RelaySubscriptionsContract {

    @Override
    protected RelaySubscriptions newSubscriptions() {
        return new InMemoryRelaySubscriptions();
    }
}
