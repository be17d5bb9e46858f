package io.accesshub.application.port.in;

import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Objects;

/**
 * What an app's tightest shared rate budget has left to a priority class: the fewest calls any of its budgets leaves
 * in the current sliding window, and today.
 *
 * @param appId     the marketplace app
 * @param priority  product traffic or the hub's own calls
 * @param burstLeft calls left in the sliding window of the budget with the fewest left
 * @param dailyLeft calls left today in the budget with the fewest left
 */
public record BudgetHeadroom(MarketplaceAppId appId, Priority priority, int burstLeft, long dailyLeft) {

    public BudgetHeadroom {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(priority, "priority");
    }
}
