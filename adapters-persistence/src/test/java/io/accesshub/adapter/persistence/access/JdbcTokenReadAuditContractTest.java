package io.accesshub.adapter.persistence.access;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.TokenReadAudit;
import io.accesshub.application.port.out.TokenReadAuditContract;

/** The token-read audit contract against the real database. */
class JdbcTokenReadAuditContractTest extends TokenReadAuditContract {

    @Override
    protected TokenReadAudit emptyAudit() {
        TestDatabase.shared().truncateTables();
        return SharedContext.bean(TokenReadAudit.class);
    }
}
