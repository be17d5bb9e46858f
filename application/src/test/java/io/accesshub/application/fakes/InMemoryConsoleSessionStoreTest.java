package io.accesshub.application.fakes;

import io.accesshub.application.port.out.ConsoleSessionStore;
import io.accesshub.application.port.out.ConsoleSessionStoreContract;

class InMemoryConsoleSessionStoreTest extends ConsoleSessionStoreContract {

    @Override
    protected ConsoleSessionStore newStore() {
        return new InMemoryConsoleSessionStore();
    }
}
