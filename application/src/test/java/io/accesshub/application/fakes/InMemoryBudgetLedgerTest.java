package io.accesshub.application.fakes;

import io.accesshub.application.port.out.BudgetLedger;
import io.accesshub.application.port.out.BudgetLedgerContract;
import java.time.Clock;

class InMemoryBudgetLedgerTest extends BudgetLedgerContract {

    private final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(Clock.systemUTC());

    @Override
    protected BudgetLedger ledger() {
        return ledger;
    }
}
