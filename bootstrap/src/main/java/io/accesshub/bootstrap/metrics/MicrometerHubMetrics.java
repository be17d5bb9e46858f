package io.accesshub.bootstrap.metrics;

import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link HubMetrics} recorded in a Micrometer registry; the names below are documented in {@code docs/operations.md}
 * as Prometheus renders them ({@code accesshub.refresh.outcomes} becomes {@code accesshub_refresh_outcomes_total}).
 */
public final class MicrometerHubMetrics implements HubMetrics {

    static final String REFRESH_OUTCOMES = "accesshub.refresh.outcomes";
    static final String REFRESH_LAG = "accesshub.refresh.lag";
    static final String TOKEN_READS = "accesshub.token.reads";
    static final String TOKEN_CACHE_LOOKUPS = "accesshub.token.cache.lookups";
    static final String HIGHLEVEL_CALLS = "accesshub.highlevel.calls";
    static final String HIGHLEVEL_RATE_LIMITED = "accesshub.highlevel.rate.limited";
    static final String HIGHLEVEL_PACING_WAITS = "accesshub.highlevel.pacing.waits";
    static final String HIGHLEVEL_BUDGET_DECISIONS = "accesshub.highlevel.budget.decisions";
    static final String WEBHOOKS_RECEIVED = "accesshub.webhooks.received";
    static final String WEBHOOKS_PROCESSED = "accesshub.webhooks.processed";
    static final String LIFECYCLE_DELIVERY_FAILURES = "accesshub.lifecycle.delivery.failures";
    static final String RELAY_ATTEMPTS = "accesshub.relay.attempts";

    /** Refresh lag buckets in seconds: the refresh window is 30 minutes by default. */
    private static final double[] LAG_BUCKETS = {60, 300, 600, 900, 1200, 1800, 3600};
    private static final Duration[] READ_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    /**
     * The meters of the token-read hot path, looked up once: building a meter id and passing it through the registry's
     * filters on every read costs more than the recording. Keys are bounded (the outcomes, hit and miss).
     */
    private final ConcurrentMap<String, Timer> tokenReads = new ConcurrentHashMap<>();
    private final ConcurrentMap<Boolean, Counter> cacheLookups = new ConcurrentHashMap<>();

    public MicrometerHubMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void refreshOutcome(MarketplaceAppId app, String outcomeClass) {
        Counter.builder(REFRESH_OUTCOMES).description("Refresh tokens presented to HighLevel, by outcome class")
            .tag("app", app.value()).tag("outcome", outcomeClass).register(registry).increment();
    }

    @Override
    public void refreshLag(MarketplaceAppId app, Duration timeLeft) {
        // Micrometer ignores negative amounts: a refresh after expiry counts as 0 s left.
        DistributionSummary.builder(REFRESH_LAG).baseUnit("seconds")
            .description("Time the old access token had left when a refresh succeeded")
            .serviceLevelObjectives(LAG_BUCKETS).tag("app", app.value()).register(registry)
            .record(Math.max(0, timeLeft.toMillis() / 1000.0));
    }

    @Override
    public TokenReadTiming startTokenRead() {
        Timer.Sample sample = Timer.start(registry);
        return outcome -> sample.stop(tokenReads.computeIfAbsent(outcome, o -> Timer.builder(TOKEN_READS)
            .description("Token reads, by outcome").serviceLevelObjectives(READ_BUCKETS).tag("outcome", o)
            .register(registry)));
    }

    @Override
    public void tokenCacheLookup(boolean hit) {
        cacheLookups.computeIfAbsent(hit, h -> Counter.builder(TOKEN_CACHE_LOOKUPS)
            .description("Token cache lookups: hit or miss").tag("result", h ? "hit" : "miss").register(registry))
            .increment();
    }

    @Override
    public void highLevelCall(MarketplaceAppId app, String endpoint, String status) {
        Counter.builder(HIGHLEVEL_CALLS).description("Calls to HighLevel, by endpoint template and status")
            .tag("app", app.value()).tag("endpoint", endpoint).tag("status", status).register(registry).increment();
        if ("429".equals(status)) {
            Counter.builder(HIGHLEVEL_RATE_LIMITED).description("429 answers received from HighLevel")
                .tag("app", app.value()).tag("endpoint", endpoint).register(registry).increment();
        }
    }

    @Override
    public void highLevelPacingWait(MarketplaceAppId app, Duration waited) {
        Timer.builder(HIGHLEVEL_PACING_WAITS).description("Waits for a company's HighLevel rate budget before a call")
            .tag("app", app.value()).register(registry).record(waited);
    }

    @Override
    public void highLevelBudgetDecision(MarketplaceAppId app, String decision) {
        Counter.builder(HIGHLEVEL_BUDGET_DECISIONS).description("Shared rate budget answers to the hub's own calls")
            .tag("app", app.value()).tag("decision", decision).register(registry).increment();
    }

    @Override
    public void webhookIntake(String outcome) {
        Counter.builder(WEBHOOKS_RECEIVED).description("Verified webhooks taken in, by outcome")
            .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void webhookProcessed(String outcome) {
        Counter.builder(WEBHOOKS_PROCESSED).description("Stored webhook events handled, by outcome")
            .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void lifecycleDeliveryFailed(String outcome) {
        Counter.builder(LIFECYCLE_DELIVERY_FAILURES).description("Lifecycle listener failures on outbox events, by outcome")
            .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void relayAttempt(String outcome) {
        Counter.builder(RELAY_ATTEMPTS).description("Relay delivery attempts to subscribers, by outcome")
            .tag("outcome", outcome).register(registry).increment();
    }
}
