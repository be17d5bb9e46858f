package io.accesshub.adapter.persistence.budget;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.application.port.out.BudgetLedger;
import io.accesshub.application.port.out.BudgetLedgerContract;

/** The budget ledger contract on the real (embedded MariaDB) database, on its clock. */
class JdbcBudgetLedgerContractTest extends BudgetLedgerContract {

    @Override
    protected BudgetLedger ledger() {
        return SharedContext.bean(BudgetLedger.class);
    }
}
