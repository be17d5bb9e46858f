package io.accesshub.application.fakes;

import io.accesshub.application.port.out.ConsoleAuditLog;
import io.accesshub.application.port.out.ConsoleAuditLogContract;

class InMemoryConsoleAuditLogTest extends ConsoleAuditLogContract {

    @Override
    protected ConsoleAuditLog newLog() {
        return new InMemoryConsoleAuditLog();
    }
}
