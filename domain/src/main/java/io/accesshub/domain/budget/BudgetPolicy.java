package io.accesshub.domain.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The budget rules of every (app, resource): at most {@code limit} calls in any sliding {@code window}, at most
 * {@code dailyLimit} calls per day (days start at midnight in {@code dayZone}), and a background reserve product
 * traffic may not use.
 *
 * <p>Sliding-window guarantee: the window is split into {@code subWindows} slots of equal length; every call is
 * permitted in the slot it was leased for and reaches HighLevel at most {@code sendAllowance} later, so it arrives
 * within its slot stretched by {@code guardSlots()} slots. A lease for slot {@code s} is granted only if the calls
 * leased for the {@link #ringSize()} slots ending with {@code s} ({@code subWindows + 1 + guardSlots()}) stay within
 * the limit. Any interval of one window length overlaps the stretched slots of at most that many consecutive slots,
 * so no sliding window at HighLevel ever sees more than {@code limit} calls.
 */
public record BudgetPolicy(int limit, Duration window, int subWindows, int backgroundReserve, long dailyLimit,
                           ZoneId dayZone, Duration sendAllowance) {

    /** Without a send allowance: calls reach HighLevel in the slot they were permitted in. */
    public BudgetPolicy(int limit, Duration window, int subWindows, int backgroundReserve, long dailyLimit,
                        ZoneId dayZone) {
        this(limit, window, subWindows, backgroundReserve, dailyLimit, dayZone, Duration.ZERO);
    }

    /** HighLevel's burst limit per app and resource: a configured limit above it would draw 429s. */
    public static final int HIGHLEVEL_LIMIT = 100;

    public BudgetPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(dayZone, "dayZone");
        Objects.requireNonNull(sendAllowance, "sendAllowance");
        if (sendAllowance.isNegative() || sendAllowance.compareTo(window) > 0) {
            throw new IllegalArgumentException("the send allowance must be 0.." + window + ", was " + sendAllowance);
        }
        if (limit < 1 || limit > HIGHLEVEL_LIMIT) {
            throw new IllegalArgumentException("requests per window must be 1.." + HIGHLEVEL_LIMIT + ", was " + limit);
        }
        if (subWindows < 1 || subWindows > 100) {
            throw new IllegalArgumentException("sub-windows must be 1..100, was " + subWindows);
        }
        if (window.isNegative() || window.isZero() || window.toMillis() % subWindows != 0) {
            throw new IllegalArgumentException("the window must be positive and split into whole milliseconds by "
                + subWindows + " sub-windows");
        }
        long slot = window.toMillis() / subWindows;
        if (60_000 % slot != 0) {
            throw new IllegalArgumentException("a sub-window (" + slot + " ms) must divide one minute, so no"
                + " sub-window spans a day boundary");
        }
        if (backgroundReserve < 0 || backgroundReserve >= limit) {
            throw new IllegalArgumentException("the background reserve must be 0.." + (limit - 1) + ", was "
                + backgroundReserve);
        }
        if (dailyLimit < 1) {
            throw new IllegalArgumentException("requests per day must be positive, was " + dailyLimit);
        }
    }

    /** Length of one slot (sub-window). */
    public Duration slotLength() {
        return window.dividedBy(subWindows);
    }

    /** Slots a call's arrival may lag behind its slot: the send allowance in whole slots, rounded up. */
    public int guardSlots() {
        long slot = slotLength().toNanos();
        return (int) ((sendAllowance.toNanos() + slot - 1) / slot);
    }

    /** Slots a lease has to look at: the current one, the {@code subWindows} before it and the guard slots. */
    public int ringSize() {
        return subWindows + 1 + guardSlots();
    }

    /** The slot an instant falls into (slots are counted from the epoch). */
    public long slotOf(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli(), slotLength().toMillis());
    }

    /** Where a slot starts. */
    public Instant slotStart(long slot) {
        return Instant.ofEpochMilli(slot * slotLength().toMillis());
    }

    /** The day (days since the epoch in {@code dayZone}) an instant belongs to. */
    public long dayOf(Instant instant) {
        return instant.atZone(dayZone).toLocalDate().toEpochDay();
    }

    /** When the day after the one {@code instant} belongs to starts. */
    public Instant nextDayStart(Instant instant) {
        ZonedDateTime next = instant.atZone(dayZone).toLocalDate().plusDays(1).atStartOfDay(dayZone);
        return next.toInstant();
    }

    /** Calls a priority class may have in one sliding window: product traffic leaves the reserve to the hub. */
    public int burstCap(Priority priority) {
        return priority == Priority.BACKGROUND ? limit : limit - backgroundReserve;
    }

    /** Calls a priority class may make per day: product traffic leaves the reserve's share of the day. */
    public long dailyCap(Priority priority) {
        return priority == Priority.BACKGROUND ? dailyLimit : dailyLimit - dailyLimit * backgroundReserve / limit;
    }

    /**
     * How many calls one lease asks for: as many as are waiting, at least twice the last slice when that one was used
     * up within its sub-window (the instance is busy), never more than a quarter of the limit so other instances keep
     * their share.
     */
    public int sliceSize(int waiting, int lastSlice, boolean lastSliceUsedUp) {
        int wanted = Math.max(1, waiting);
        if (lastSliceUsedUp) {
            wanted = Math.max(wanted, lastSlice * 2);
        }
        return Math.min(wanted, maxSlice());
    }

    /** The largest slice one lease takes. */
    public int maxSlice() {
        return Math.max(1, limit / 4);
    }
}
