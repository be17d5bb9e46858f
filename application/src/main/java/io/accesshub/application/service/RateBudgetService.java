package io.accesshub.application.service;

import io.accesshub.application.port.in.BudgetDecision;
import io.accesshub.application.port.in.RateBudgets;
import io.accesshub.application.port.out.BudgetLedger;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetPolicy;
import io.accesshub.domain.budget.BudgetRemaining;
import io.accesshub.domain.budget.BudgetState;
import io.accesshub.domain.budget.LeaseDecision;
import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.budget.RateLimitSignal;
import io.accesshub.domain.budget.Unused;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.BiFunction;

/**
 * Shared rate budgets: each instance leases slices of a budget for one slot (sub-window) from the {@link BudgetLedger}
 * with one conditional write, and hands out permits from the slice in memory; callers wait for room up to their
 * deadline. The rules (window, day, reserve, slice size, learning from HighLevel) are the domain's
 * ({@link BudgetState}, {@link BudgetPolicy}).
 */
public final class RateBudgetService implements RateBudgets {

    /** Conditional writes lost to other instances before a lease gives up for one slot. */
    private static final int MAX_ATTEMPTS = 8;

    private final BudgetLedger ledger;
    private final BudgetPolicy policy;
    private final Clock clock;
    private final Consumer<Duration> pause;
    private final ConcurrentMap<BudgetKey, Local> locals = new ConcurrentHashMap<>();

    public RateBudgetService(BudgetLedger ledger, BudgetPolicy policy, Clock clock, Consumer<Duration> pause) {
        this.ledger = ledger;
        this.policy = policy;
        this.clock = clock;
        this.pause = pause;
    }

    /** The rules this service applies. */
    public BudgetPolicy policy() {
        return policy;
    }

    @Override
    public BudgetDecision acquire(BudgetKey key, Priority priority, Instant deadline) {
        Local local = locals.computeIfAbsent(key, k -> new Local());
        int p = priority.ordinal();
        local.waiting[p].incrementAndGet();
        try {
            while (true) {
                Instant wakeAt;
                Instant now;
                local.lock.lock();
                try {
                    now = clock.instant();
                    Instant ledgerNow = now.plus(local.offset);
                    long slot = policy.slotOf(ledgerNow);
                    Slice slice = local.slices[p];
                    if (slice != null && slice.slot == slot && slice.left > 0) {
                        slice.left--;
                        return new BudgetDecision.Granted(remaining(local, priority, ledgerNow));
                    }
                    if (local.blockedUntil[p].isAfter(now)) {
                        wakeAt = local.blockedUntil[p];
                    } else {
                        Optional<Unused> unused = slice != null && slice.left > 0 && slice.slot != slot
                            ? Optional.of(new Unused(slice.slot, slice.day, slice.left)) : Optional.empty();
                        int wanted = policy.sliceSize(local.waiting[p].get(), slice == null ? 0 : slice.granted,
                            slice != null && slice.left == 0);
                        LeaseDecision decision = lease(key, local, (state, at) -> state.lease(policy, at, wanted,
                            priority, unused));
                        ledgerNow = clock.instant().plus(local.offset);
                        if (decision instanceof LeaseDecision.Leased leased) {
                            local.slices[p] = new Slice(leased.slot(), leased.day(), leased.granted());
                            local.slices[p].left--;
                            return new BudgetDecision.Granted(remaining(local, priority, ledgerNow));
                        }
                        if (decision instanceof LeaseDecision.DailyFull daily) {
                            return new BudgetDecision.DailyExhausted(positive(Duration.between(ledgerNow,
                                daily.retryAt())), remaining(local, priority, ledgerNow));
                        }
                        wakeAt = ((LeaseDecision.BurstFull) decision).retryAt().minus(local.offset);
                        local.blockedUntil[p] = wakeAt;
                    }
                    if (wakeAt.isAfter(deadline)) {
                        return new BudgetDecision.WaitExhausted(positive(Duration.between(now, wakeAt)),
                            remaining(local, priority, ledgerNow));
                    }
                } finally {
                    local.lock.unlock();
                }
                Duration wait = Duration.between(clock.instant(), wakeAt);
                if (!wait.isNegative() && !wait.isZero()) {
                    pause.accept(wait);
                }
                if (Thread.currentThread().isInterrupted()) {
                    return new BudgetDecision.WaitExhausted(positive(Duration.between(clock.instant(), wakeAt)),
                        remaining(key, priority));
                }
            }
        } finally {
            local.waiting[p].decrementAndGet();
        }
    }

    @Override
    public void record(BudgetKey key) {
        Local local = locals.computeIfAbsent(key, k -> new Local());
        local.lock.lock();
        try {
            change(key, local, (state, at) -> Optional.of(state.record(policy, at, 1)));
        } finally {
            local.lock.unlock();
        }
    }

    @Override
    public void observe(BudgetKey key, RateLimitSignal signal) {
        if (!signal.tooManyRequests() && signal.remaining().isEmpty() && signal.dailyRemaining().isEmpty()) {
            return;
        }
        Local local = locals.computeIfAbsent(key, k -> new Local());
        local.lock.lock();
        try {
            // Most answers hold nothing new: judged on the cached state, they cost no statement at all.
            boolean known = local.cached != null && !signal.tooManyRequests()
                && local.cached.learn(policy, clock.instant().plus(local.offset), signal).isEmpty();
            if (!known) {
                change(key, local, (state, at) -> state.learn(policy, at, signal));
            }
            if (signal.asksToPause()) {
                // HighLevel refused or has nothing left: the permits this instance leased already wait for the pause
                // like everyone else's (a slice is handed out from memory without looking at the ledger).
                long until = local.cached == null ? 0L : local.cached.pausedUntilMillis();
                for (int p = 0; p < local.slices.length; p++) {
                    local.slices[p] = null;
                    Instant blocked = Instant.ofEpochMilli(until).minus(local.offset);
                    if (until > 0 && blocked.isAfter(local.blockedUntil[p])) {
                        local.blockedUntil[p] = blocked;
                    }
                }
            }
        } finally {
            local.lock.unlock();
        }
    }

    @Override
    public BudgetRemaining remaining(BudgetKey key, Priority priority) {
        Local local = locals.computeIfAbsent(key, k -> new Local());
        local.lock.lock();
        try {
            if (local.cached == null) {
                read(key, local);
            }
            return remaining(local, priority, clock.instant().plus(local.offset));
        } finally {
            local.lock.unlock();
        }
    }

    private BudgetRemaining remaining(Local local, Priority priority, Instant ledgerNow) {
        BudgetState state = local.cached == null ? BudgetState.empty(policy) : local.cached;
        BudgetRemaining shared = state.remaining(policy, ledgerNow, priority);
        Slice slice = local.slices[priority.ordinal()];
        int unusedHere = slice != null && slice.slot == policy.slotOf(ledgerNow) ? slice.left : 0;
        return new BudgetRemaining(shared.burst() + unusedHere, shared.daily() + unusedHere);
    }

    /**
     * Applies a lease to the freshest state it can: the cached one first, at the ledger time estimated from the local
     * clock (one conditional write when no other instance wrote since and the estimate is in the right slot), else a
     * read and a write at the time the read returned; a full window seen in the cache is confirmed by a read.
     */
    private LeaseDecision lease(BudgetKey key, Local local, BiFunction<BudgetState, Instant, LeaseDecision> rule) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            boolean fromCache = attempt == 0 && fresh(local);
            Instant at = fromCache ? clock.instant().plus(local.offset) : null;
            BudgetState state = fromCache ? local.cached : read(key, local);
            LeaseDecision decision = rule.apply(state, fromCache ? at : local.readAt);
            if (decision instanceof LeaseDecision.Leased leased) {
                if (ledger.write(key, state.version(), leased.next(), policy, leased.slot())) {
                    remember(local, leased.next());
                    return leased;
                }
                local.cached = null;
            } else if (!fromCache) {
                return decision;
            }
        }
        // Lost every race to other instances: try again in the next slot.
        Instant next = policy.slotStart(policy.slotOf(clock.instant().plus(local.offset)) + 1);
        return new LeaseDecision.BurstFull(next);
    }

    /** Like {@link #lease} for changes that are not leases (records, corrections): returns what was stored. */
    private Optional<BudgetState> change(BudgetKey key, Local local,
                                         BiFunction<BudgetState, Instant, Optional<BudgetState>> rule) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            boolean fromCache = attempt == 0 && fresh(local);
            Instant at = fromCache ? clock.instant().plus(local.offset) : null;
            BudgetState state = fromCache ? local.cached : read(key, local);
            if (!fromCache) {
                at = local.readAt;
            }
            Optional<BudgetState> next = rule.apply(state, at);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            if (ledger.write(key, state.version(), next.get(), policy, policy.slotOf(at))) {
                remember(local, next.get());
                return next;
            }
            local.cached = null;
        }
        return Optional.empty();
    }

    /**
     * Whether the cached state is recent enough to try a write on it without reading first: seen within the last slot.
     * An older one has most likely been changed by another instance, and a write that fails costs a statement.
     */
    private boolean fresh(Local local) {
        return local.cached != null && local.cachedAt != null
            && Duration.between(local.cachedAt, clock.instant()).compareTo(policy.slotLength()) < 0;
    }

    private void remember(Local local, BudgetState state) {
        local.cached = state;
        local.cachedAt = clock.instant();
    }

    private BudgetState read(BudgetKey key, Local local) {
        Instant before = clock.instant();
        BudgetLedger.Reading reading = ledger.read(key, policy);
        // Measured from before the read, the offset can only be too large: slices end early, never late.
        local.offset = Duration.between(before, reading.now());
        local.readAt = reading.now();
        remember(local, reading.state().orElse(BudgetState.empty(policy)));
        return local.cached;
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() || duration.isZero() ? Duration.ofMillis(1) : duration;
    }

    /** An instance's view of one budget: its slices, the ledger state it last saw, and its clock offset. */
    private static final class Local {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicInteger[] waiting = {new AtomicInteger(), new AtomicInteger()};
        final Slice[] slices = new Slice[2];
        final Instant[] blockedUntil = {Instant.MIN, Instant.MIN};
        BudgetState cached;
        Duration offset = Duration.ZERO;
        /** The ledger's clock at the last read. */
        Instant readAt;
        /** When (local clock) {@link #cached} was read or written. */
        Instant cachedAt;
    }

    /** Calls leased for one slot and not handed out yet. */
    private static final class Slice {
        final long slot;
        final long day;
        final int granted;
        int left;

        Slice(long slot, long day, int granted) {
            this.slot = slot;
            this.day = day;
            this.granted = granted;
            this.left = granted;
        }
    }
}
