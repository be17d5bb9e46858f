package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.paging.PageRequest;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetPolicy;
import io.accesshub.domain.budget.BudgetState;
import io.accesshub.domain.budget.LeaseDecision;
import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.budget.RateLimitSignal;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BudgetLedger} must do: store and give back a state exactly, write only over the version it was
 * computed from and only while its clock has not passed the slot, and let one of several racing writers win.
 */
public abstract class BudgetLedgerContract {

    /** Slots of a minute, so that a test's read and write fall into one slot (see {@link #readInAFreshSlot}). */
    protected static final BudgetPolicy POLICY = new BudgetPolicy(90, Duration.ofSeconds(60), 1, 10, 200_000,
        ZoneOffset.UTC);

    /** The ledger under test. */
    protected abstract BudgetLedger ledger();

    private static BudgetKey newKey() {
        return BudgetKey.of(MarketplaceAppId.of("app" + UUID.randomUUID().toString().substring(0, 8)),
            "loc-" + UUID.randomUUID());
    }

    /**
     * Reads a budget early enough in its slot that the test's writes land in the same slot: within the last five
     * seconds of a minute it waits for the next one (a precondition, not the behaviour under test).
     */
    private BudgetLedger.Reading readInAFreshSlot(BudgetKey key) throws InterruptedException {
        BudgetLedger.Reading reading = ledger().read(key, POLICY);
        Duration intoSlot = Duration.between(POLICY.slotStart(POLICY.slotOf(reading.now())), reading.now());
        if (intoSlot.compareTo(POLICY.slotLength().minusSeconds(5)) > 0) {
            Thread.sleep(POLICY.slotLength().minus(intoSlot).toMillis() + 100);
            reading = ledger().read(key, POLICY);
        }
        return reading;
    }

    private static LeaseDecision.Leased lease(BudgetState state, BudgetLedger.Reading reading, int calls) {
        return (LeaseDecision.Leased) state.lease(POLICY, reading.now(), calls, Priority.BACKGROUND, Optional.empty());
    }

    @Test
    void aBudgetNobodyUsedReadsAsEmptyWithTheClock() throws Exception {
        BudgetLedger.Reading reading = ledger().read(newKey(), POLICY);
        assertThat(reading.state()).isEmpty();
        assertThat(reading.now()).isNotNull();
    }

    @Test
    void aWrittenStateReadsBackExactly() throws Exception {
        BudgetKey key = newKey();
        BudgetLedger.Reading reading = readInAFreshSlot(key);
        LeaseDecision.Leased leased = lease(BudgetState.empty(POLICY), reading, 7);
        BudgetState paused = leased.next().learn(POLICY, reading.now(), new RateLimitSignal(true,
            Optional.of(Duration.ofSeconds(3)), OptionalLong.of(100), OptionalLong.of(80), OptionalLong.of(200_000),
            OptionalLong.of(199_000))).orElseThrow();

        long guard = leased.slot();
        assertThat(ledger().write(key, 0, leased.next(), POLICY, guard)).isTrue();
        assertThat(ledger().write(key, 1, paused, POLICY, guard)).isTrue();

        BudgetState stored = ledger().read(key, POLICY).state().orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.headSlot()).isEqualTo(paused.headSlot());
        assertThat(stored.counts()).containsExactly(paused.counts());
        assertThat(stored.day()).isEqualTo(paused.day());
        assertThat(stored.dayUsed()).isEqualTo(1000);
        assertThat(stored.pausedUntilMillis()).isEqualTo(paused.pausedUntilMillis());
        assertThat(stored.usedInWindow(POLICY, leased.slot())).isEqualTo(20);
    }

    @Test
    void aWriteOverAnOutdatedVersionIsRefused() throws Exception {
        BudgetKey key = newKey();
        BudgetLedger.Reading reading = readInAFreshSlot(key);
        LeaseDecision.Leased first = lease(BudgetState.empty(POLICY), reading, 5);
        LeaseDecision.Leased stale = lease(BudgetState.empty(POLICY), reading, 9);
        long guard = first.slot();
        assertThat(ledger().write(key, 0, first.next(), POLICY, guard)).isTrue();

        assertThat(ledger().write(key, 0, stale.next(), POLICY, guard)).isFalse();
        assertThat(ledger().read(key, POLICY).state().orElseThrow().usedInWindow(POLICY, first.slot())).isEqualTo(5);
    }

    @Test
    void aWriteForASlotTheClockHasPassedIsRefused() throws Exception {
        BudgetKey key = newKey();
        BudgetLedger.Reading reading = readInAFreshSlot(key);
        LeaseDecision.Leased leased = lease(BudgetState.empty(POLICY), reading, 5);

        assertThat(ledger().write(key, 0, leased.next(), POLICY, leased.slot() - 1)).isFalse();
        assertThat(ledger().read(key, POLICY).state()).isEmpty();
    }

    @Test
    void aWriteForASlotTheClockHasNotReachedIsRefused() throws Exception {
        BudgetKey key = newKey();
        BudgetLedger.Reading reading = readInAFreshSlot(key);
        LeaseDecision.Leased leased = lease(BudgetState.empty(POLICY), reading, 5);

        assertThat(ledger().write(key, 0, leased.next(), POLICY, leased.slot() + 1)).isFalse();
        assertThat(ledger().write(key, 0, leased.next(), POLICY, leased.slot())).isTrue();
        assertThat(ledger().write(key, 1, leased.next(), POLICY, leased.slot() + 1)).isFalse();
    }

    @Test
    void ofRacingWritersOverOneVersionExactlyOneWins() throws Exception {
        BudgetKey key = newKey();
        BudgetLedger.Reading reading = readInAFreshSlot(key);
        LeaseDecision.Leased base = lease(BudgetState.empty(POLICY), reading, 1);
        assertThat(ledger().write(key, 0, base.next(), POLICY, base.slot())).isTrue();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Callable<Boolean> writer = () -> {
                    start.await();
                    LeaseDecision.Leased mine = lease(base.next(), reading, 2);
                    return ledger().write(key, 1, mine.next(), POLICY, mine.slot());
                };
                results.add(pool.submit(writer));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger().read(key, POLICY).state().orElseThrow().dayUsed()).isEqualTo(3);
    }

    @Test
    void theBudgetsDrawnOnTodayPageMostCallsFirstAndLeaveOutEarlierDays() throws Exception {
        MarketplaceAppId app = MarketplaceAppId.of("app" + UUID.randomUUID().toString().substring(0, 8));
        BudgetLedger.Reading reading = readInAFreshSlot(BudgetKey.of(app, "probe"));
        long slot = POLICY.slotOf(reading.now());
        int[] calls = {150_005, 150_009, 150_002};
        for (int i = 0; i < calls.length; i++) {
            BudgetState drawn = BudgetState.empty(POLICY).record(POLICY, reading.now(), calls[i]);
            assertThat(ledger().write(BudgetKey.of(app, "loc-" + i), 0, drawn, POLICY, slot)).isTrue();
        }
        BudgetState yesterday = BudgetState.rehydrate(POLICY, slot, new int[POLICY.ringSize()],
            POLICY.dayOf(reading.now()) - 1, 190_000, 0, 1);
        assertThat(ledger().write(BudgetKey.of(app, "loc-yesterday"), 0, yesterday, POLICY, slot)).isTrue();

        BudgetLedger.Busiest first = ledger().busiestToday(POLICY, Optional.of(app), PageRequest.first(2));
        BudgetLedger.Busiest second = ledger().busiestToday(POLICY, Optional.of(app), PageRequest.of(2, 2));

        assertThat(first.page().totalCount()).isEqualTo(3);
        assertThat(first.page().items()).extracting(b -> b.key().resourceId()).containsExactly("loc-1", "loc-0");
        assertThat(first.page().items().get(0).state().dayUsed()).isEqualTo(150_009);
        assertThat(second.page().items()).extracting(b -> b.key().resourceId()).containsExactly("loc-2");
        assertThat(POLICY.dayOf(first.now())).isEqualTo(POLICY.dayOf(reading.now()));
        List<String> everyApp = ledger().busiestToday(POLICY, Optional.empty(), PageRequest.first(500)).page().items()
            .stream().filter(b -> b.key().app().equals(app)).map(b -> b.key().resourceId()).toList();
        assertThat(everyApp).containsExactly("loc-1", "loc-0", "loc-2");

        BudgetLedger.Sample sample = ledger().busiestSample(POLICY, app, 2);
        assertThat(sample.items()).as("the first page, without yesterday's budget or another app's")
            .extracting(b -> b.key().resourceId()).containsExactly("loc-1", "loc-0");
        assertThat(sample.items().get(0).state().dayUsed()).isEqualTo(150_009);
        assertThat(POLICY.dayOf(sample.now())).isEqualTo(POLICY.dayOf(reading.now()));
        assertThat(ledger().busiestSample(POLICY, MarketplaceAppId.of("appwithnobudgets"), 5).items()).isEmpty();
    }
}
