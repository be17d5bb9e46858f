package io.accesshub.adapter.ghl;

import io.accesshub.application.port.in.BudgetDecision;
import io.accesshub.application.port.in.RateBudgets;
import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.Priority;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the hub's own calls to HighLevel spend the app's shared rate budget: a background permit, waited for within
 * {@code ACCESSHUB_HIGHLEVEL_MAX_PACING_WAIT}, before a call; HighLevel's rate-limit answer after it. Budget bookkeeping
 * writes to our database, which may be down right then, and a failure to count never costs the caller HighLevel's
 * answer. Shared by every outbound adapter that calls HighLevel in the background.
 */
@Singleton
public final class HighLevelPacing {

    private static final Logger LOG = LoggerFactory.getLogger(HighLevelPacing.class);
    /** Waits shorter than this are not worth a pacing-wait sample. */
    private static final long NOTICEABLE_WAIT_NANOS = 1_000_000;

    private final RateBudgets budgets;
    private final Clock clock;
    private final HighLevelConfiguration configuration;
    private final HubMetrics metrics;

    /** {@code metrics} is absent where nothing observes the hub (the adapters' own tests). */
    public HighLevelPacing(RateBudgets budgets, Clock clock, HighLevelConfiguration configuration,
                    Optional<HubMetrics> metrics) {
        this.budgets = budgets;
        this.clock = clock;
        this.configuration = configuration;
        this.metrics = metrics.orElse(HubMetrics.NOOP);
    }

    /** Waits for a background permit within the pacing bound; empty when granted, else how long to retry after. */
    Optional<Duration> permit(BudgetKey key) {
        long start = System.nanoTime();
        BudgetDecision decision = budgets.acquire(key, Priority.BACKGROUND,
            clock.instant().plus(configuration.getMaxPacingWait()));
        long waited = System.nanoTime() - start;
        metrics.highLevelBudgetDecision(key.app(), HubMetrics.outcomeOf(decision));
        if (decision instanceof BudgetDecision.Granted && waited >= NOTICEABLE_WAIT_NANOS) {
            metrics.highLevelPacingWait(key.app(), Duration.ofNanos(waited));
        }
        if (decision instanceof BudgetDecision.WaitExhausted wait) {
            return Optional.of(wait.retryAfter());
        }
        if (decision instanceof BudgetDecision.DailyExhausted daily) {
            return Optional.of(daily.retryAfter());
        }
        return Optional.empty();
    }

    /** Counts a call HighLevel answered that took no permit (a token exchange or refresh) against the budget. */
    void record(BudgetKey key) {
        accountFor(() -> budgets.record(key));
    }

    /** Tells the shared budget what HighLevel's answer said about it ({@code X-RateLimit-*}, 429, Retry-After). */
    void observe(BudgetKey key, int status, HttpHeaders headers) {
        accountFor(() -> budgets.observe(key, RateLimitHeaders.signal(status, headers)));
    }

    private static void accountFor(Runnable bookkeeping) {
        try {
            bookkeeping.run();
        } catch (RuntimeException failed) {
            LOG.warn("Could not update the shared rate budget after HighLevel answered ({}); the answer is kept",
                failed.getClass().getSimpleName());
        }
    }

    /** HighLevel's JSON answer as a map; empty when there is none or it is not a JSON object. */
    static Map<String, Object> parse(JsonMapper json, String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> map = json.readValue(body, Argument.mapOf(String.class, Object.class));
            return map == null ? Map.of() : map;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }
}
