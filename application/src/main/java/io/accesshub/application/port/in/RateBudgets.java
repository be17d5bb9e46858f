package io.accesshub.application.port.in;

import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetRemaining;
import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.budget.RateLimitSignal;
import java.time.Instant;

/**
 * HighLevel's rate budgets per (app, resource), shared by every hub instance: every outbound call asks for a permit
 * first, and tells what HighLevel answered about the budget afterwards.
 */
public interface RateBudgets {

    /** Waits for a permit for one call until {@code deadline} at the latest; never throws for a spent budget. */
    BudgetDecision acquire(BudgetKey key, Priority priority, Instant deadline);

    /**
     * Counts a call that was made without a permit because it must never wait or be refused (token exchanges and
     * refreshes: a pair HighLevel issued is never dropped for budget).
     */
    void record(BudgetKey key);

    /** Corrects the shared view with HighLevel's {@code X-RateLimit-*} headers, 429s and {@code Retry-After}. */
    void observe(BudgetKey key, RateLimitSignal signal);

    /** What is left for a priority class, for response headers. */
    BudgetRemaining remaining(BudgetKey key, Priority priority);
}
