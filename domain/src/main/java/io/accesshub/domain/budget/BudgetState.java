package io.accesshub.domain.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The shared state of one budget, as all instances store it: calls leased in each of the last
 * {@link BudgetPolicy#ringSize()} slots (a ring indexed by {@code slot mod ringSize}, {@code headSlot} the newest),
 * calls leased today, and a pause HighLevel asked for. Every transition returns a new state with the next version.
 */
public final class BudgetState {

    private final long headSlot;
    private final int[] counts;
    private final long day;
    private final long dayUsed;
    private final long pausedUntilMillis;
    private final long version;

    private BudgetState(long headSlot, int[] counts, long day, long dayUsed, long pausedUntilMillis, long version) {
        this.headSlot = headSlot;
        this.counts = counts;
        this.day = day;
        this.dayUsed = dayUsed;
        this.pausedUntilMillis = pausedUntilMillis;
        this.version = version;
    }

    /** A budget nobody has drawn on yet (version 0: not stored). */
    public static BudgetState empty(BudgetPolicy policy) {
        return new BudgetState(Long.MIN_VALUE / 2, new int[policy.ringSize()], Long.MIN_VALUE / 2, 0, 0, 0);
    }

    /** A stored state; a ring of another size (the sub-window setting changed) is dropped, a conservative reset. */
    public static BudgetState rehydrate(BudgetPolicy policy, long headSlot, int[] counts, long day, long dayUsed,
                                        long pausedUntilMillis, long version) {
        int[] ring = counts.length == policy.ringSize() ? counts.clone() : new int[policy.ringSize()];
        if (counts.length != policy.ringSize()) {
            // Without the old per-slot counts, count the whole old window in the head slot: never under-count.
            ring[Math.floorMod(headSlot, policy.ringSize())] = Arrays.stream(counts).sum();
        }
        return new BudgetState(headSlot, ring, day, dayUsed, pausedUntilMillis, version);
    }

    public long headSlot() {
        return headSlot;
    }

    /** A copy of the ring, index {@code slot mod ringSize}. */
    public int[] counts() {
        return counts.clone();
    }

    public long day() {
        return day;
    }

    public long dayUsed() {
        return dayUsed;
    }

    public long pausedUntilMillis() {
        return pausedUntilMillis;
    }

    public long version() {
        return version;
    }

    /** Calls counted in the sliding window that ends with {@code slot} (the slot and the ring size - 1 before it). */
    public int usedInWindow(BudgetPolicy policy, long slot) {
        int ring = policy.ringSize();
        int sum = 0;
        for (long s = Math.max(slot - ring + 1, headSlot - ring + 1); s <= Math.min(slot, headSlot); s++) {
            sum += counts[Math.floorMod(s, ring)];
        }
        return sum;
    }

    /** Calls counted today (on the day {@code now} belongs to). */
    public long usedToday(BudgetPolicy policy, Instant now) {
        return policy.dayOf(now) == day ? dayUsed : 0;
    }

    /**
     * What all instances have counted now: calls in the sliding window that ends with the current slot (or with the
     * newest counted one, should the clock read before it), and calls today.
     */
    public BudgetUsage usage(BudgetPolicy policy, Instant now) {
        return new BudgetUsage(usedInWindow(policy, Math.max(policy.slotOf(now), headSlot)), usedToday(policy, now));
    }

    /** What a priority class has left now. */
    public BudgetRemaining remaining(BudgetPolicy policy, Instant now, Priority priority) {
        BudgetUsage used = usage(policy, now);
        return new BudgetRemaining(policy.burstCap(priority) - used.burst(), policy.dailyCap(priority) - used.daily());
    }

    /**
     * Leases up to {@code wanted} calls for the slot {@code now} falls in, after handing back {@code unused} calls of
     * an earlier slice: as many as the window and the day leave to {@code priority}, or when to try again.
     */
    public LeaseDecision lease(BudgetPolicy policy, Instant now, int wanted, Priority priority, Optional<Unused> unused) {
        if (wanted < 1) {
            throw new IllegalArgumentException("a lease asks for at least one call");
        }
        BudgetState base = unused.map(u -> handBack(policy, u)).orElse(this);
        long slot = Math.max(policy.slotOf(now), base.headSlot);
        if (base.pausedUntilMillis > now.toEpochMilli()) {
            return new LeaseDecision.BurstFull(Instant.ofEpochMilli(base.pausedUntilMillis));
        }
        long today = policy.dayOf(now);
        long dailyLeft = policy.dailyCap(priority) - (today == base.day ? base.dayUsed : 0);
        if (dailyLeft <= 0) {
            return new LeaseDecision.DailyFull(policy.nextDayStart(now));
        }
        int cap = policy.burstCap(priority);
        int used = base.usedInWindow(policy, slot);
        int granted = (int) Math.min(Math.min(wanted, cap - used), dailyLeft);
        if (granted <= 0) {
            return new LeaseDecision.BurstFull(base.roomAt(policy, slot, cap));
        }
        return new LeaseDecision.Leased(base.add(policy, slot, today, granted), slot, today, granted);
    }

    /**
     * Counts calls that were made without a lease (the hub's token exchanges and refreshes, which must never wait or
     * be refused): they take budget from others, never from themselves.
     */
    public BudgetState record(BudgetPolicy policy, Instant now, int calls) {
        long slot = Math.max(policy.slotOf(now), headSlot);
        return add(policy, slot, policy.dayOf(now), calls);
    }

    /**
     * Corrects the local view with what HighLevel said: a 429, or no calls remaining in HighLevel's window (its limit
     * may be lower than ours), pauses the budget for {@code Retry-After} (else HighLevel's interval, else one window)
     * plus a tenth for clock skew; more calls in HighLevel's window or day than counted here (someone calls HighLevel directly) are counted
     * in the current slot and day. Empty when HighLevel's view holds nothing new.
     */
    public Optional<BudgetState> learn(BudgetPolicy policy, Instant now, RateLimitSignal signal) {
        long slot = Math.max(policy.slotOf(now), headSlot);
        long today = policy.dayOf(now);
        BudgetState next = this;
        boolean changed = false;
        if (signal.asksToPause()) {
            Duration pause = signal.retryAfter().or(signal::interval).filter(d -> !d.isNegative() && !d.isZero())
                .orElse(policy.window());
            long until = now.plus(pause).plus(pause.dividedBy(10)).toEpochMilli();
            if (until > pausedUntilMillis) {
                next = next.withPause(until);
                changed = true;
            }
        }
        if (signal.max().isPresent() && signal.remaining().isPresent()) {
            long theirs = signal.max().getAsLong() - signal.remaining().getAsLong();
            long missing = theirs - next.usedInWindow(policy, slot);
            if (missing > 0) {
                next = next.add(policy, slot, today, (int) Math.min(missing, BudgetPolicy.HIGHLEVEL_LIMIT));
                changed = true;
            }
        }
        if (signal.dailyLimit().isPresent() && signal.dailyRemaining().isPresent()) {
            long theirs = signal.dailyLimit().getAsLong() - signal.dailyRemaining().getAsLong();
            long ours = next.day == today ? next.dayUsed : 0;
            if (theirs > ours) {
                next = new BudgetState(next.headSlot, next.counts, today, theirs, next.pausedUntilMillis, next.version);
                changed = true;
            }
        }
        return changed ? Optional.of(next.nextVersionOf(version)) : Optional.empty();
    }

    /** The first slot start at which {@code cap} leaves room for one more call, as older slots leave the window. */
    private Instant roomAt(BudgetPolicy policy, long slot, int cap) {
        int ring = policy.ringSize();
        int used = usedInWindow(policy, slot);
        for (int ahead = 1; ahead <= ring; ahead++) {
            long leaving = slot - ring + ahead;
            if (leaving <= headSlot && leaving > headSlot - ring) {
                used -= counts[Math.floorMod(leaving, ring)];
            }
            if (used < cap) {
                return policy.slotStart(slot + ahead);
            }
        }
        return policy.slotStart(slot + ring);
    }

    private BudgetState handBack(BudgetPolicy policy, Unused unused) {
        int[] ring = counts.clone();
        int size = policy.ringSize();
        if (unused.slot() <= headSlot && unused.slot() > headSlot - size) {
            int i = Math.floorMod(unused.slot(), size);
            ring[i] = Math.max(0, ring[i] - unused.calls());
        }
        long used = unused.day() == day ? Math.max(0, dayUsed - unused.calls()) : dayUsed;
        return new BudgetState(headSlot, ring, day, used, pausedUntilMillis, version);
    }

    /** Moves the head to {@code slot} (zeroing the slots passed) and adds {@code calls} to it and to the day. */
    private BudgetState add(BudgetPolicy policy, long slot, long today, int calls) {
        int size = policy.ringSize();
        int[] ring = counts.clone();
        long head = headSlot;
        if (slot > head) {
            if (slot - head >= size) {
                Arrays.fill(ring, 0);
            } else {
                for (long s = head + 1; s <= slot; s++) {
                    ring[Math.floorMod(s, size)] = 0;
                }
            }
            head = slot;
        }
        ring[Math.floorMod(head, size)] += calls;
        long used = (today == day ? dayUsed : 0) + calls;
        return new BudgetState(head, ring, today, used, pausedUntilMillis, version).nextVersionOf(version);
    }

    private BudgetState withPause(long until) {
        return new BudgetState(headSlot, counts, day, dayUsed, until, version);
    }

    private BudgetState nextVersionOf(long previous) {
        return new BudgetState(headSlot, counts, day, dayUsed, pausedUntilMillis, previous + 1);
    }
}
