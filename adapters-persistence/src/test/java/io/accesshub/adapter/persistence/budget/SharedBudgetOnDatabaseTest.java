package io.accesshub.adapter.persistence.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.application.port.in.BudgetDecision;
import io.accesshub.application.port.out.BudgetLedger;
import io.accesshub.application.service.RateBudgetService;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetPolicy;
import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Three service instances (as three hubs would hold) leasing from the real ledger at once: the permits they grant,
 * stamped when granted, never exceed the limit in any sliding window. The send allowance (1 s) covers the time between
 * a permit and its stamp on a loaded machine, as it covers the way to HighLevel in production.
 */
class SharedBudgetOnDatabaseTest {

    @Test
    void threeInstancesGrantNoMoreThanTheLimitInAnySlidingWindow() throws Exception {
        BudgetPolicy policy = new BudgetPolicy(18, Duration.ofSeconds(2), 20, 2, 200_000, ZoneOffset.UTC,
            Duration.ofSeconds(1));
        BudgetLedger ledger = SharedContext.bean(BudgetLedger.class);
        Clock clock = Clock.systemUTC();
        List<RateBudgetService> hubs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hubs.add(new RateBudgetService(ledger, policy, clock, d -> {
                try {
                    Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        BudgetKey key = BudgetKey.of(MarketplaceAppId.of("app" + UUID.randomUUID().toString().substring(0, 6)), "loc-1");
        List<Instant> granted = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(30);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            RateBudgetService hub = hubs.get(i % 3);
            calls.add(pool.submit(() -> {
                start.await();
                BudgetDecision d = hub.acquire(key, Priority.PRODUCT, Instant.now().plusSeconds(60));
                assertThat(d).isInstanceOf(BudgetDecision.Granted.class);
                granted.add(Instant.now());
                return null;
            }));
        }
        start.countDown();
        for (Future<?> call : calls) {
            call.get();
        }
        pool.shutdownNow();
        List<Instant> sorted = new ArrayList<>(granted);
        Collections.sort(sorted);
        int most = 0;
        for (int s = 0, e = 0; e < sorted.size(); e++) {
            while (!sorted.get(e).isBefore(sorted.get(s).plus(policy.window()))) {
                s++;
            }
            most = Math.max(most, e - s + 1);
        }
        StringBuilder trace = new StringBuilder();
        for (Instant t : sorted) {
            trace.append(Duration.between(sorted.get(0), t).toMillis()).append(' ');
        }
        assertThat(most).as(trace.toString()).isLessThanOrEqualTo(16);
    }
}
