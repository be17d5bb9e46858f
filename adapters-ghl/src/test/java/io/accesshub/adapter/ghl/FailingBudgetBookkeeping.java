package io.accesshub.adapter.ghl;

import io.accesshub.application.port.in.RateBudgets;
import io.accesshub.application.port.in.BudgetDecision;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetRemaining;
import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.budget.RateLimitSignal;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Shared budgets whose bookkeeping after an answer fails, as it does while our database is down. */
@Singleton
@Replaces(RateBudgets.class)
@Requires(property = "test.failing-budget-bookkeeping", value = "true")
class FailingBudgetBookkeeping implements RateBudgets {

    private final RateBudgets granting;

    FailingBudgetBookkeeping(HighLevelConfiguration configuration) {
        this.granting = new TestRateBudgets().rateBudgets(configuration);
    }

    @Override
    public BudgetDecision acquire(BudgetKey key, Priority priority, Instant deadline) {
        return granting.acquire(key, priority, deadline);
    }

    @Override
    public void record(BudgetKey key) {
        throw new IllegalStateException("database unavailable (test)");
    }

    @Override
    public void observe(BudgetKey key, RateLimitSignal signal) {
        throw new IllegalStateException("database unavailable (test)");
    }

    @Override
    public BudgetRemaining remaining(BudgetKey key, Priority priority) {
        return granting.remaining(key, priority);
    }
}
