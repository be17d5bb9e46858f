package io.accesshub.domain.budget;

import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.shared.DomainException;
import java.util.Objects;

/** The budget HighLevel keeps: one per marketplace app and resource (a location id or a company id). */
public record BudgetKey(MarketplaceAppId app, String resourceId) {

    public BudgetKey {
        Objects.requireNonNull(app, "app");
        DomainException.require(resourceId != null && !resourceId.isBlank() && resourceId.length() <= 64,
            "resource id must be 1..64 characters");
    }

    public static BudgetKey of(MarketplaceAppId app, String resourceId) {
        return new BudgetKey(app, resourceId);
    }
}
