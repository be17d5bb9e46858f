package io.accesshub.application.fakes;

import io.accesshub.application.port.out.RelayDeliveriesContract;

class InMemoryRelayDeliveriesTest extends RelayDeliveriesContract {

    @Override
    protected Stores newStores() {
        InMemoryRelaySubscriptions subscriptions = new InMemoryRelaySubscriptions();
        return new Stores(subscriptions, new InMemoryRelayDeliveries(subscriptions));
    }
}
