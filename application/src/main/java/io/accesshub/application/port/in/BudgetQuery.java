package io.accesshub.application.port.in;

import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import java.util.Objects;
import java.util.Optional;

/** Whose rate budgets an operator wants to see: a company's, a location's, or both (at least one). */
public record BudgetQuery(Optional<CompanyId> companyId, Optional<LocationId> locationId) {

    public BudgetQuery {
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(locationId, "locationId");
        if (companyId.isEmpty() && locationId.isEmpty()) {
            throw new IllegalArgumentException("a budget query names a company, a location or both");
        }
        if (!companyId.map(c -> BudgetKey.isResourceId(c.value())).orElse(true)
            || !locationId.map(l -> BudgetKey.isResourceId(l.value())).orElse(true)) {
            throw new IllegalArgumentException("a budget's company or location id has 1..64 characters");
        }
    }
}
