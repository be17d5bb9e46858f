package io.accesshub.adapter.persistence.uninstall;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.UninstallRequests;
import io.accesshub.application.port.out.UninstallRequestsContract;
import io.accesshub.domain.installation.InstallationId;

/** The uninstall-queue contract against the real database. */
class JdbcUninstallRequestsContractTest extends UninstallRequestsContract {

    @Override
    protected UninstallRequests newQueue(InstallationId... installations) {
        UninstallRequests queue = SharedContext.bean(UninstallRequests.class);
        TestDatabase.shared().truncateTables();
        return queue;
    }
}
