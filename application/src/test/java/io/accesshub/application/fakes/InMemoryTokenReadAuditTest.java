package io.accesshub.application.fakes;

import io.accesshub.application.port.out.TokenReadAudit;
import io.accesshub.application.port.out.TokenReadAuditContract;

/** The in-memory token-read audit keeps the store's contract. */
class InMemoryTokenReadAuditTest extends TokenReadAuditContract {

    @Override
    protected TokenReadAudit emptyAudit() {
        return new InMemoryTokenReadAudit();
    }
}
