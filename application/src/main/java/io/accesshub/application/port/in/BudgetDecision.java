package io.accesshub.application.port.in;

import io.accesshub.domain.budget.BudgetRemaining;
import java.time.Duration;

/** The answer to a permit request: the call may go, or when to try again. */
public sealed interface BudgetDecision {

    /** What the budget has left after this decision. */
    BudgetRemaining remaining();

    /** Make the call now. */
    record Granted(BudgetRemaining remaining) implements BudgetDecision {
    }

    /** The sliding window had no room before the deadline; {@code retryAfter} says when it will. */
    record WaitExhausted(Duration retryAfter, BudgetRemaining remaining) implements BudgetDecision {
    }

    /** Today's budget is spent; it comes back after {@code retryAfter}. */
    record DailyExhausted(Duration retryAfter, BudgetRemaining remaining) implements BudgetDecision {
    }
}
