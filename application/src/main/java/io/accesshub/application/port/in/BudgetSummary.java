package io.accesshub.application.port.in;

import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Objects;

/**
 * One shared rate budget as operators see it: its limits, what every instance together has counted against it in the
 * current sliding window and today, and the part of each window kept for the hub's own calls.
 *
 * @param appId      the marketplace app
 * @param resourceId the company or location id
 * @param burstLimit calls allowed in any sliding window
 * @param burstUsed  calls counted in the window that ends now (leased permits included, used or not yet)
 * @param dailyLimit calls allowed per day
 * @param dailyUsed  calls counted today
 * @param reserve    calls per window product traffic leaves to the hub's background work
 */
public record BudgetSummary(MarketplaceAppId appId, String resourceId, int burstLimit, int burstUsed,
                            long dailyLimit, long dailyUsed, int reserve) {

    public BudgetSummary {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(resourceId, "resourceId");
    }
}
