package io.accesshub.adapter.http.budgets;

import io.accesshub.application.port.in.BudgetSummary;
import io.micronaut.serde.annotation.Serdeable;

/** One budget as the API shows it: limits, calls counted in the current window and today, the hub's reserve. */
@Serdeable
public record BudgetResponse(String appId, String resourceId, int burstLimit, int burstUsed, long dailyLimit,
                             long dailyUsed, int reserve) {

    static BudgetResponse of(BudgetSummary s) {
        return new BudgetResponse(s.appId().value(), s.resourceId(), s.burstLimit(), s.burstUsed(), s.dailyLimit(),
            s.dailyUsed(), s.reserve());
    }
}
