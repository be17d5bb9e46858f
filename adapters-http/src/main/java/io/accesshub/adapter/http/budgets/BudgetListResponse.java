package io.accesshub.adapter.http.budgets;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The budgets asked for: per configured app the key sees, the company's and then the location's. */
@Serdeable
public record BudgetListResponse(List<BudgetResponse> items) {
}
