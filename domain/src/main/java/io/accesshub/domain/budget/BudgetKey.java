package io.accesshub.domain.budget;

import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.shared.DomainException;
import java.util.Objects;

/** The budget HighLevel keeps: one per marketplace app and resource (a location id or a company id). */
public record BudgetKey(MarketplaceAppId app, String resourceId) {

    public BudgetKey {
        Objects.requireNonNull(app, "app");
        DomainException.require(isResourceId(resourceId), "resource id must be 1..64 characters");
    }

    /** Whether a location or company id can name a budget: 1..64 characters, not blank. */
    public static boolean isResourceId(String value) {
        return value != null && !value.isBlank() && value.length() <= 64;
    }

    public static BudgetKey of(MarketplaceAppId app, String resourceId) {
        return new BudgetKey(app, resourceId);
    }
}
