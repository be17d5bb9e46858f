package io.accesshub.application.port.in;

import io.accesshub.domain.access.AccessScope;
import java.util.List;

/** Shows the shared HighLevel rate budgets of a company and/or a location, per configured app, within a scope. */
public interface ViewBudgetsUseCase {

    /**
     * One summary per app the scope permits and resource asked for (per app in configuration order: the company,
     * then the location). A resource outside the scope reads exactly like one nobody has drawn on.
     */
    List<BudgetSummary> view(AccessScope scope, BudgetQuery query);
}
