package io.accesshub.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The simulator's controllable clock: either frozen at a start instant or ticking with real time, plus an offset tests advance. */
public final class SimClock extends Clock {

    private final boolean ticking;
    private final Instant frozenBase;
    private final AtomicLong offsetNanos = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    SimClock(SimulatorConfig.ClockMode mode, Instant start) {
        this.ticking = mode == SimulatorConfig.ClockMode.TICKING;
        Instant realNow = Instant.now();
        this.frozenBase = start == null ? realNow : start;
        if (ticking && start != null) {
            offsetNanos.set(Duration.between(realNow, start).toNanos());
        }
    }

    @Override
    public Instant instant() {
        long offset = offsetNanos.get();
        Instant base = ticking ? Instant.now() : frozenBase;
        return base.plusNanos(offset);
    }

    /** Moves simulated time forward (deliveries that became due are then sent). */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the simulated clock only moves forward");
        }
        offsetNanos.addAndGet(duration.toNanos());
        listeners.forEach(Runnable::run);
        return instant();
    }

    /** Whether the clock follows real time (true) or only moves through {@link #advance(Duration)} (false). */
    public boolean isTicking() {
        return ticking;
    }

    void resetOffset(Instant start) {
        if (ticking) {
            offsetNanos.set(start == null ? 0 : Duration.between(Instant.now(), start).toNanos());
        } else {
            offsetNanos.set(0);
        }
        listeners.forEach(Runnable::run);
    }

    /** Registers a callback run after every advance; used internally to wake the webhook dispatcher. */
    void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulator clock is UTC only");
    }
}
