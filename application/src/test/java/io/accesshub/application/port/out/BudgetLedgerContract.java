package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

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

    protected static final BudgetPolicy POLICY = new BudgetPolicy(90, Duration.ofSeconds(10), 20, 10, 200_000,
        ZoneOffset.UTC);

    /** The ledger under test. */
    protected abstract BudgetLedger ledger();

    private static BudgetKey newKey() {
        return BudgetKey.of(MarketplaceAppId.of("app" + UUID.randomUUID().toString().substring(0, 8)),
            "loc-" + UUID.randomUUID());
    }

    private static LeaseDecision.Leased lease(BudgetState state, BudgetLedger.Reading reading, int calls) {
        return (LeaseDecision.Leased) state.lease(POLICY, reading.now(), calls, Priority.BACKGROUND, Optional.empty());
    }

    @Test
    void aBudgetNobodyUsedReadsAsEmptyWithTheClock() {
        BudgetLedger.Reading reading = ledger().read(newKey(), POLICY);
        assertThat(reading.state()).isEmpty();
        assertThat(reading.now()).isNotNull();
    }

    @Test
    void aWrittenStateReadsBackExactly() {
        BudgetKey key = newKey();
        BudgetLedger.Reading reading = ledger().read(key, POLICY);
        LeaseDecision.Leased leased = lease(BudgetState.empty(POLICY), reading, 7);
        BudgetState paused = leased.next().learn(POLICY, reading.now(), new RateLimitSignal(true,
            Optional.of(Duration.ofSeconds(3)), OptionalLong.of(100), OptionalLong.of(80), OptionalLong.of(200_000),
            OptionalLong.of(199_000))).orElseThrow();

        // the slot guard is given room here: this test is about the stored values, not the clock
        long guard = leased.slot() + POLICY.ringSize();
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
    void aWriteOverAnOutdatedVersionIsRefused() {
        BudgetKey key = newKey();
        BudgetLedger.Reading reading = ledger().read(key, POLICY);
        LeaseDecision.Leased first = lease(BudgetState.empty(POLICY), reading, 5);
        LeaseDecision.Leased stale = lease(BudgetState.empty(POLICY), reading, 9);
        long guard = first.slot() + POLICY.ringSize();
        assertThat(ledger().write(key, 0, first.next(), POLICY, guard)).isTrue();

        assertThat(ledger().write(key, 0, stale.next(), POLICY, guard)).isFalse();
        assertThat(ledger().read(key, POLICY).state().orElseThrow().usedInWindow(POLICY, first.slot())).isEqualTo(5);
    }

    @Test
    void aWriteForASlotTheClockHasPassedIsRefused() {
        BudgetKey key = newKey();
        BudgetLedger.Reading reading = ledger().read(key, POLICY);
        LeaseDecision.Leased leased = lease(BudgetState.empty(POLICY), reading, 5);

        assertThat(ledger().write(key, 0, leased.next(), POLICY, leased.slot() - 1)).isFalse();
        assertThat(ledger().read(key, POLICY).state()).isEmpty();
    }

    @Test
    void ofRacingWritersOverOneVersionExactlyOneWins() throws Exception {
        BudgetKey key = newKey();
        BudgetLedger.Reading reading = ledger().read(key, POLICY);
        LeaseDecision.Leased base = lease(BudgetState.empty(POLICY), reading, 1);
        assertThat(ledger().write(key, 0, base.next(), POLICY, base.slot() + POLICY.ringSize())).isTrue();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Callable<Boolean> writer = () -> {
                    start.await();
                    LeaseDecision.Leased mine = lease(base.next(), reading, 2);
                    return ledger().write(key, 1, mine.next(), POLICY, mine.slot() + POLICY.ringSize());
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
}
