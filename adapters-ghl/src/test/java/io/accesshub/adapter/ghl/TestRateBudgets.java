package io.accesshub.adapter.ghl;

import io.accesshub.application.fakes.InMemoryBudgetLedger;
import io.accesshub.application.port.in.RateBudgets;
import io.accesshub.application.service.RateBudgetService;
import io.accesshub.domain.budget.BudgetPolicy;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The shared rate budgets for this module's contexts (bootstrap wires the real ones on the database): the same
 * service over the in-memory ledger, with the budget settings of {@link HighLevelConfiguration}.
 */
@Factory
class TestRateBudgets {

    @Singleton
    RateBudgets rateBudgets(HighLevelConfiguration configuration) {
        Clock clock = Clock.systemUTC();
        BudgetPolicy policy = new BudgetPolicy(configuration.getRequestsPerWindow(), configuration.getWindow(), 20,
            configuration.getRequestsPerWindow() / 9, 200_000, ZoneOffset.UTC);
        return new RateBudgetService(new InMemoryBudgetLedger(clock), policy, clock, d -> {
            try {
                Thread.sleep(d.toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
