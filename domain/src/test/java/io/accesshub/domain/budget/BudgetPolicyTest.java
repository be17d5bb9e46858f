package io.accesshub.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetPolicyTest {

    private static BudgetPolicy policy(int limit, int subWindows, int reserve) {
        return new BudgetPolicy(limit, Duration.ofSeconds(10), subWindows, reserve, 200_000, ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "{0} ms falls in slot {1} (sub-window 500 ms)")
    @CsvSource({"0,0", "499,0", "500,1", "9999,19", "10000,20", "-1,-1"})
    void slotsAreCountedFromTheEpoch(long millis, long slot) {
        BudgetPolicy p = policy(90, 20, 10);
        assertThat(p.slotOf(Instant.ofEpochMilli(millis))).isEqualTo(slot);
        assertThat(p.slotStart(slot)).isBeforeOrEqualTo(Instant.ofEpochMilli(millis));
        assertThat(p.slotStart(slot + 1)).isAfter(Instant.ofEpochMilli(millis));
    }

    @ParameterizedTest(name = "limit {0}, reserve {1}: product {2}, background {3} per window")
    @CsvSource({"90,10,80,90", "100,0,100,100", "10,9,1,10"})
    void productTrafficLeavesTheReserveToTheHub(int limit, int reserve, int product, int background) {
        BudgetPolicy p = policy(limit, 10, reserve);
        assertThat(p.burstCap(Priority.PRODUCT)).isEqualTo(product);
        assertThat(p.burstCap(Priority.BACKGROUND)).isEqualTo(background);
        assertThat(p.dailyCap(Priority.BACKGROUND)).isEqualTo(200_000);
        assertThat(p.dailyCap(Priority.PRODUCT)).isEqualTo(200_000 - 200_000L * reserve / limit);
    }

    @ParameterizedTest(name = "limit {0}, sub-windows {1}, reserve {2} is refused")
    @CsvSource({"0,10,0", "101,10,0", "90,0,0", "90,3,0", "90,10,90", "90,10,-1", "90,7,0"})
    void settingsThatBreakTheRulesAreRefused(int limit, int subWindows, int reserve) {
        assertThatThrownBy(() -> policy(limit, subWindows, reserve)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDayStartsAtMidnightInTheConfiguredZone() {
        BudgetPolicy utc = policy(90, 10, 10);
        BudgetPolicy tokyo = new BudgetPolicy(90, Duration.ofSeconds(10), 10, 10, 200_000, ZoneId.of("Asia/Tokyo"));
        Instant lateUtc = Instant.parse("2026-01-01T20:00:00Z");
        assertThat(utc.nextDayStart(lateUtc)).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(tokyo.nextDayStart(lateUtc)).isEqualTo(Instant.parse("2026-01-02T15:00:00Z"));
        assertThat(tokyo.dayOf(lateUtc)).isEqualTo(utc.dayOf(lateUtc) + 1);
    }

    @ParameterizedTest(name = "sub-window 500 ms, send allowance {0} ms: {1} guard slots, ring of {2}")
    @CsvSource({"0,0,21", "1,1,22", "500,1,22", "501,2,23", "2000,4,25"})
    void theSendAllowanceStretchesTheRingByWholeSlots(long allowanceMillis, int guard, int ring) {
        BudgetPolicy p = new BudgetPolicy(90, Duration.ofSeconds(10), 20, 10, 200_000, ZoneOffset.UTC,
            Duration.ofMillis(allowanceMillis));
        assertThat(p.guardSlots()).isEqualTo(guard);
        assertThat(p.ringSize()).isEqualTo(ring);
    }

    @ParameterizedTest(name = "{0} waiting, last slice {1} used up {2}: lease {3}")
    @CsvSource({"0,0,false,1", "1,5,false,1", "7,5,false,7", "1,5,true,10", "3,20,true,22", "50,1,false,22"})
    void aSliceFollowsDemandAndNeverTakesMoreThanAQuarter(int waiting, int last, boolean usedUp, int expected) {
        assertThat(policy(90, 20, 10).sliceSize(waiting, last, usedUp)).isEqualTo(expected);
    }
}
