package io.accesshub.application.port.out;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetPolicy;
import io.accesshub.domain.budget.BudgetState;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the budgets of all instances are kept, on one clock (the database's): a read, and a conditional write that
 * succeeds only if nobody wrote in between and the clock is still in the slot the new state was computed for.
 */
public interface BudgetLedger {

    /** The stored state (empty when nobody drew on the budget yet) and the ledger clock's reading. */
    Reading read(BudgetKey key, BudgetPolicy policy);

    /**
     * Stores {@code next} if the stored version is still {@code expectedVersion} (0: nothing stored) and the ledger's
     * clock is in {@code slot}; false when another instance wrote first or the clock is in another slot (a slice
     * counted in a later slot than the one its calls are made in would escape the windows that hold them).
     */
    boolean write(BudgetKey key, long expectedVersion, BudgetState next, BudgetPolicy policy, long slot);

    /**
     * The budgets drawn on today (the ledger clock's day in the policy's zone), of one app or of all, most calls today
     * first (ties in a stable order): one page of them with how many there are, read along an index.
     */
    Busiest busiestToday(BudgetPolicy policy, Optional<MarketplaceAppId> app, PageRequest page);

    /**
     * The first {@code limit} of one app's budgets drawn on today in {@link #busiestToday}'s order, read along the
     * app's own index without counting the others: for gauges that look at the busiest few on every scrape.
     */
    Sample busiestSample(BudgetPolicy policy, MarketplaceAppId app, int limit);

    /** A stored state with the clock reading taken in the same statement. */
    record Reading(Optional<BudgetState> state, Instant now) {
    }

    /** One stored budget. */
    record StoredBudget(BudgetKey key, BudgetState state) {
    }

    /** A page of the busiest budgets and the ledger clock's reading their day was judged on. */
    record Busiest(Page<StoredBudget> page, Instant now) {
    }

    /** The busiest few of an app's budgets and the ledger clock's reading their day was judged on. */
    record Sample(List<StoredBudget> items, Instant now) {
    }
}
