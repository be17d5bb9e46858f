package io.accesshub.bootstrap.metrics;

import io.accesshub.application.port.in.BudgetHeadroom;
import io.accesshub.application.port.in.ViewBudgetsUseCase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code accesshub_budget_remaining_calls{app, priority, window}}: what each app's tightest shared rate budget has left
 * ({@link ViewBudgetsUseCase#headroom()}), read from the budget ledger at most once per {@code interval} like the
 * {@link FleetGauges} (refreshed by a scrape that finds it older). Labels are bounded: configured apps, two priority
 * classes, two windows; never a location or company id.
 */
public final class BudgetGauges {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetGauges.class);

    static final String REMAINING = "accesshub.budget.remaining";

    private final ViewBudgetsUseCase budgets;
    private final Clock clock;
    private final Duration interval;
    private final MultiGauge remaining;
    private final AtomicReference<Instant> readAt = new AtomicReference<>(Instant.MIN);

    public BudgetGauges(ViewBudgetsUseCase budgets, MeterRegistry registry, Clock clock, Duration interval) {
        this.budgets = budgets;
        this.clock = clock;
        this.interval = interval;
        this.remaining = MultiGauge.builder(REMAINING).baseUnit("calls")
            .description("Calls left in each app's tightest shared HighLevel rate budget, by priority class and window")
            .register(registry);
    }

    /** Reads the headroom again when the last read is older than the interval; a failed read keeps the old values. */
    public void refreshIfStale() {
        Instant now = clock.instant();
        Instant last = readAt.get();
        if (!last.plus(interval).isBefore(now) || !readAt.compareAndSet(last, now)) {
            return;
        }
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (BudgetHeadroom headroom : budgets.headroom()) {
                Tags tags = Tags.of("app", headroom.appId().value(),
                    "priority", headroom.priority().name().toLowerCase(Locale.ROOT));
                rows.add(MultiGauge.Row.of(tags.and("window", "burst"), headroom.burstLeft()));
                rows.add(MultiGauge.Row.of(tags.and("window", "daily"), headroom.dailyLeft()));
            }
            remaining.register(rows, true);
        } catch (RuntimeException e) {
            LOG.warn("Budget gauges not refreshed: {}", e.getClass().getSimpleName());
        }
    }
}
