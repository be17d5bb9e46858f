package io.accesshub.adapter.persistence.console;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.ConsoleAuditLog;
import io.accesshub.application.port.out.ConsoleAuditLogContract;

/** The console audit contract against the real database. */
class JdbcConsoleAuditLogContractTest extends ConsoleAuditLogContract {

    @Override
    protected ConsoleAuditLog newLog() {
        ConsoleAuditLog log = SharedContext.bean(ConsoleAuditLog.class);
        TestDatabase.shared().truncateTables();
        return log;
    }
}
