package io.accesshub.application.fakes;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.out.BudgetLedger;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetPolicy;
import io.accesshub.domain.budget.BudgetState;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** {@link BudgetLedger} in memory, on a given clock; counts reads and writes so tests can check the cost. */
public final class InMemoryBudgetLedger implements BudgetLedger {

    private final Clock clock;
    private final Map<BudgetKey, BudgetState> states = new HashMap<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();

    public InMemoryBudgetLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Reading read(BudgetKey key, BudgetPolicy policy) {
        reads.incrementAndGet();
        return new Reading(Optional.ofNullable(states.get(key)), clock.instant());
    }

    @Override
    public synchronized boolean write(BudgetKey key, long expectedVersion, BudgetState next, BudgetPolicy policy,
                                      long slot) {
        writes.incrementAndGet();
        BudgetState stored = states.get(key);
        long version = stored == null ? 0 : stored.version();
        if (version != expectedVersion || policy.slotOf(clock.instant()) != slot) {
            return false;
        }
        states.put(key, next);
        return true;
    }

    @Override
    public synchronized Busiest busiestToday(BudgetPolicy policy, Optional<MarketplaceAppId> app, PageRequest page) {
        reads.incrementAndGet();
        long today = policy.dayOf(clock.instant());
        List<StoredBudget> drawnToday = states.entrySet().stream()
            .filter(e -> e.getValue().day() == today && app.map(e.getKey().app()::equals).orElse(true))
            .map(e -> new StoredBudget(e.getKey(), e.getValue()))
            .sorted(Comparator.comparingLong((StoredBudget b) -> b.state().dayUsed())
                .thenComparing(b -> b.key().app().value()).thenComparing(b -> b.key().resourceId()).reversed())
            .toList();
        List<StoredBudget> items = drawnToday.stream().skip(page.offset()).limit(page.limit()).toList();
        return new Busiest(new Page<>(items, drawnToday.size(), page), clock.instant());
    }

    @Override
    public synchronized Sample busiestSample(BudgetPolicy policy, MarketplaceAppId app, int limit) {
        Busiest first = busiestToday(policy, Optional.of(app), PageRequest.first(limit));
        return new Sample(first.page().items(), first.now());
    }

    /** Statements a database would have run: reads plus conditional writes. */
    public long statements() {
        return reads.get() + writes.get();
    }
}
