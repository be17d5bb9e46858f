package io.accesshub.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetStateTest {

    /** 90 per 10 s in 10 slots of 1 s, 10 kept for the hub, 1,000 a day. */
    private static final BudgetPolicy POLICY = new BudgetPolicy(90, Duration.ofSeconds(10), 10, 10, 1_000,
        ZoneOffset.UTC);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    private static LeaseDecision.Leased leased(LeaseDecision decision) {
        assertThat(decision).isInstanceOf(LeaseDecision.Leased.class);
        return (LeaseDecision.Leased) decision;
    }

    @ParameterizedTest(name = "{0} used in the window, {1} wanted by {2}: {3} granted")
    @CsvSource({
        "0,10,PRODUCT,10", "75,10,PRODUCT,5", "80,1,PRODUCT,0", "80,10,BACKGROUND,10", "89,5,BACKGROUND,1",
        "90,1,BACKGROUND,0"})
    void aLeaseGetsWhatTheWindowLeavesToItsPriority(int used, int wanted, Priority priority, int granted) {
        BudgetState state = BudgetState.empty(POLICY).record(POLICY, at(0.5), used);
        LeaseDecision decision = state.lease(POLICY, at(0.9), wanted, priority, Optional.empty());
        if (granted == 0) {
            assertThat(decision).isInstanceOf(LeaseDecision.BurstFull.class);
        } else {
            assertThat(leased(decision).granted()).isEqualTo(granted);
            assertThat(leased(decision).next().usedInWindow(POLICY, POLICY.slotOf(at(0.9)))).isEqualTo(used + granted);
        }
    }

    @ParameterizedTest(name = "80 leased at {0} s: room again at {1} s")
    @CsvSource({"0.0,11", "0.999,11", "4.2,15"})
    void aFullWindowSaysWhenTheOldestSlotLeavesIt(double leasedAt, double roomAt) {
        BudgetState state = leased(BudgetState.empty(POLICY).lease(POLICY, at(leasedAt), 80, Priority.BACKGROUND,
            Optional.empty())).next();
        // 10 s later the slot of the lease still counts (11 slots): a window of 10 s can overlap both ends.
        LeaseDecision full = state.lease(POLICY, at(leasedAt + 9.5), 1, Priority.PRODUCT, Optional.empty());
        assertThat(full).isEqualTo(new LeaseDecision.BurstFull(at(roomAt)));
        assertThat(state.lease(POLICY, at(roomAt), 80, Priority.PRODUCT, Optional.empty()))
            .isInstanceOf(LeaseDecision.Leased.class);
    }

    @Test
    void aSendAllowanceKeepsASlotInTheWindowThatMuchLonger() {
        BudgetPolicy guarded = new BudgetPolicy(90, Duration.ofSeconds(10), 10, 10, 1_000, ZoneOffset.UTC,
            Duration.ofMillis(300));
        BudgetState state = leased(BudgetState.empty(guarded).lease(guarded, at(0.5), 80, Priority.BACKGROUND,
            Optional.empty())).next();
        assertThat(state.lease(guarded, at(11.5), 1, Priority.PRODUCT, Optional.empty()))
            .isEqualTo(new LeaseDecision.BurstFull(at(12)));
    }

    @Test
    void unusedCallsHandedBackFreeTheWindowAndTheDay() {
        LeaseDecision.Leased first = leased(BudgetState.empty(POLICY).lease(POLICY, at(0.1), 80, Priority.PRODUCT,
            Optional.empty()));
        LeaseDecision.Leased second = leased(first.next().lease(POLICY, at(1.1), 30, Priority.PRODUCT,
            Optional.of(new Unused(first.slot(), first.day(), 30))));
        assertThat(second.granted()).isEqualTo(30);
        assertThat(second.next().usedInWindow(POLICY, second.slot())).isEqualTo(80);
        assertThat(second.next().dayUsed()).isEqualTo(80);
        assertThat(second.next().version()).isEqualTo(2);
    }

    @ParameterizedTest(name = "send allowance {0} ms")
    @CsvSource({"0", "700", "2500"})
    void noSlidingWindowEverHoldsMoreThanTheLimit(long allowanceMillis) {
        BudgetPolicy policy = new BudgetPolicy(90, Duration.ofSeconds(10), 10, 10, 1_000_000, ZoneOffset.UTC,
            Duration.ofMillis(allowanceMillis));
        Random random = new Random(7);
        BudgetState state = BudgetState.empty(policy);
        List<Long> calls = new ArrayList<>();
        long millis = 0;
        for (int i = 0; i < 20_000; i++) {
            millis += random.nextInt(40);
            Instant now = T0.plusMillis(millis);
            Priority priority = random.nextBoolean() ? Priority.PRODUCT : Priority.BACKGROUND;
            LeaseDecision d = state.lease(policy, now, 1 + random.nextInt(22), priority, Optional.empty());
            if (d instanceof LeaseDecision.Leased l) {
                state = l.next();
                long slotEnd = policy.slotStart(l.slot() + 1).toEpochMilli();
                for (int c = 0; c < l.granted(); c++) {
                    // each call is permitted at any moment of its slot and arrives up to the allowance later
                    long permitted = now.toEpochMilli() + (long) (random.nextDouble() * (slotEnd - now.toEpochMilli()));
                    calls.add(permitted + (long) (random.nextDouble() * allowanceMillis));
                }
            }
        }
        calls.sort(Long::compare);
        int most = 0;
        for (int start = 0, end = 0; end < calls.size(); end++) {
            while (calls.get(end) - calls.get(start) >= 10_000) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        assertThat(most).isLessThanOrEqualTo(90).isGreaterThan(75);
    }

    @Test
    void productTrafficNeverTakesTheReserve() {
        BudgetState state = BudgetState.empty(POLICY);
        int product = 0;
        for (int s = 0; s < 10; s++) {
            LeaseDecision d = state.lease(POLICY, at(s), 22, Priority.PRODUCT, Optional.empty());
            if (d instanceof LeaseDecision.Leased l) {
                state = l.next();
                product += l.granted();
            }
        }
        assertThat(product).isEqualTo(80);
        assertThat(leased(state.lease(POLICY, at(9.5), 22, Priority.BACKGROUND, Optional.empty())).granted())
            .isEqualTo(10);
    }

    @ParameterizedTest(name = "{0} used today, {1} wanted by {2}: {3}")
    @CsvSource({"999,5,BACKGROUND,1", "1000,1,BACKGROUND,0", "888,1,PRODUCT,1", "889,1,PRODUCT,0"})
    void theDailyBudgetRefusesUntilTheNextDay(int usedToday, int wanted, Priority priority, int granted) {
        BudgetState state = BudgetState.empty(POLICY).record(POLICY, at(0), usedToday);
        LeaseDecision d = state.lease(POLICY, at(3600), wanted, priority, Optional.empty());
        if (granted == 0) {
            assertThat(d).isEqualTo(new LeaseDecision.DailyFull(Instant.parse("2026-01-02T00:00:00Z")));
            assertThat(state.lease(POLICY, Instant.parse("2026-01-02T00:00:00Z"), wanted, priority, Optional.empty()))
                .isInstanceOf(LeaseDecision.Leased.class);
        } else {
            assertThat(leased(d).granted()).isEqualTo(granted);
        }
    }

    @Test
    void aTooManyRequestsAnswerPausesTheBudgetForRetryAfter() {
        RateLimitSignal tooMany = new RateLimitSignal(true, Optional.of(Duration.ofSeconds(7)), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
        BudgetState paused = BudgetState.empty(POLICY).learn(POLICY, at(1), tooMany).orElseThrow();
        assertThat(paused.lease(POLICY, at(7.9), 1, Priority.BACKGROUND, Optional.empty()))
            .isEqualTo(new LeaseDecision.BurstFull(at(8.7)));
        assertThat(paused.lease(POLICY, at(8.7), 1, Priority.BACKGROUND, Optional.empty()))
            .isInstanceOf(LeaseDecision.Leased.class);
    }

    @ParameterizedTest(name = "{0} counted, HighLevel says {1} of 100 remain: {2} counted after")
    @CsvSource({"10,90,10", "10,95,10", "10,50,50", "0,1,99"})
    void highLevelsRemainingCountCorrectsAnUnderCount(int counted, int remaining, int after) {
        BudgetState state = BudgetState.empty(POLICY).record(POLICY, at(0), counted);
        RateLimitSignal signal = new RateLimitSignal(false, Optional.empty(), OptionalLong.of(100),
            OptionalLong.of(remaining), OptionalLong.empty(), OptionalLong.empty());
        Optional<BudgetState> learned = state.learn(POLICY, at(0.5), signal);
        assertThat(learned.orElse(state).usedInWindow(POLICY, POLICY.slotOf(at(0.5)))).isEqualTo(after);
        assertThat(learned.isPresent()).isEqualTo(after != counted);
    }

    @Test
    void noCallsRemainingAtHighLevelPausesForItsInterval() {
        BudgetState state = BudgetState.empty(POLICY).record(POLICY, at(0), 5);
        RateLimitSignal spent = new RateLimitSignal(false, Optional.empty(), OptionalLong.of(5), OptionalLong.of(0),
            OptionalLong.empty(), OptionalLong.empty(), Optional.of(Duration.ofMillis(500)));
        BudgetState paused = state.learn(POLICY, at(1), spent).orElseThrow();
        assertThat(paused.lease(POLICY, at(1.2), 1, Priority.BACKGROUND, Optional.empty()))
            .isEqualTo(new LeaseDecision.BurstFull(at(1.55)));
    }

    @Test
    void highLevelsDailyRemainingCorrectsTheDay() {
        RateLimitSignal signal = new RateLimitSignal(false, Optional.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.of(200_000), OptionalLong.of(199_500));
        BudgetState learned = BudgetState.empty(POLICY).learn(POLICY, at(0), signal).orElseThrow();
        assertThat(learned.usedToday(POLICY, at(1))).isEqualTo(500);
        assertThat(learned.remaining(POLICY, at(1), Priority.BACKGROUND)).isEqualTo(new BudgetRemaining(90, 500));
    }

    @Test
    void usageCountsTheCallsOfTheSlidingWindowEndingNowAndOfToday() {
        BudgetState state = BudgetState.empty(POLICY).record(POLICY, at(0.5), 5).record(POLICY, at(3.2), 7);

        assertThat(state.usage(POLICY, at(4))).isEqualTo(new BudgetUsage(12, 12));
        assertThat(state.usage(POLICY, at(2))).as("a clock behind the newest slot counts up to that slot")
            .isEqualTo(new BudgetUsage(12, 12));
        assertThat(state.usage(POLICY, at(10.9))).as("the ring still holds the first slot").isEqualTo(
            new BudgetUsage(12, 12));
        assertThat(state.usage(POLICY, at(11))).isEqualTo(new BudgetUsage(7, 12));
        assertThat(state.usage(POLICY, at(14))).isEqualTo(new BudgetUsage(0, 12));
        assertThat(state.usage(POLICY, T0.plus(Duration.ofDays(1)))).isEqualTo(new BudgetUsage(0, 0));
        assertThat(BudgetState.empty(POLICY).usage(POLICY, at(4))).isEqualTo(new BudgetUsage(0, 0));
        assertThat(state.remaining(POLICY, at(11), Priority.PRODUCT)).isEqualTo(new BudgetRemaining(73, 877));
    }

    @Test
    void aRingOfAnotherSizeIsKeptAsOneFullSlot() {
        BudgetState state = BudgetState.rehydrate(POLICY, 100, new int[] {30, 40}, 0, 70, 0, 3);
        assertThat(state.usedInWindow(POLICY, 100)).isEqualTo(70);
        assertThat(state.usedInWindow(POLICY, 111)).isZero();
    }
}
