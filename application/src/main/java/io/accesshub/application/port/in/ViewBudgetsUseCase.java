package io.accesshub.application.port.in;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.domain.access.AccessScope;
import java.util.List;

/** Shows the shared HighLevel rate budgets of a company and/or a location, per configured app, within a scope. */
public interface ViewBudgetsUseCase {

    /**
     * One summary per app the scope permits and resource asked for (per app in configuration order: the company,
     * then the location). A resource outside the scope reads exactly like one nobody has drawn on.
     */
    List<BudgetSummary> view(AccessScope scope, BudgetQuery query);

    /**
     * Every budget drawn on today, of every app and tenant (for operators, unscoped), most calls today first: one
     * page of them with how many there are.
     */
    Page<BudgetSummary> busiest(PageRequest page);

    /**
     * Per configured app and priority class, what its tightest budget has left: today's is exact (the budget with the
     * most calls today), the sliding window's is the fewest left among the app's busiest budgets today (a bounded
     * sample, so the cost does not grow with the fleet).
     */
    List<BudgetHeadroom> headroom();
}
