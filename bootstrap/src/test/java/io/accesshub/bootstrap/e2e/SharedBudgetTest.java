package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.BudgetDecision;
import io.accesshub.application.port.in.RateBudgets;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.budget.RateLimitSignal;
import io.accesshub.domain.marketplace.ClientId;
import io.accesshub.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three hub instances on one database share one location's budget: many concurrent calls through each instance's
 * {@link RateBudgets} never put more than the configured budget into any sliding window at HighLevel (the
 * simulator), and none is answered 429; once the daily budget is spent, the hubs refuse and HighLevel sees nothing.
 *
 * <p>Real time is the clock here (the database's and the simulator's ticking one), so the window is shortened to keep
 * {@code ./mvnw verify} short: {@code -Daccesshub.e2e.budget.window=10s -Daccesshub.e2e.budget.limit=90
 * -Daccesshub.e2e.budget.calls-per-hub=300} runs the full shape (about a minute).
 */
class SharedBudgetTest {

    private static final Duration WINDOW = Duration.parse("PT" + System.getProperty("accesshub.e2e.budget.window",
        "2s").toUpperCase());
    private static final int LIMIT = Integer.getInteger("accesshub.e2e.budget.limit", 18);
    private static final int CALLS_PER_HUB = Integer.getInteger("accesshub.e2e.budget.calls-per-hub", 30);

    private HubHarness harness;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        harness.close();
    }

    private Map<String, Object> budgetSettings(long perDay) {
        return Map.of("accesshub.highlevel.requests-per-window", LIMIT, "accesshub.highlevel.window",
            WINDOW.toMillis() + "ms", "accesshub.highlevel.background-reserve", Math.max(1, LIMIT / 9),
            "accesshub.highlevel.requests-per-day", perDay, "accesshub.highlevel.send-allowance",
            // half the window: this machine is shared by parallel builds, and a permitted call may wait that long
            // for a core before it reaches the simulator
            WINDOW.dividedBy(2).toMillis() + "ms");
    }

    private BudgetKey key(String locationId) {
        return BudgetKey.of(ClientId.parse(harness.simulator.config().clientId()).appId(), locationId);
    }

    /** One contacts search at HighLevel with the location's token; tells the budget what the answer said. */
    private int searchContacts(RateBudgets budgets, BudgetKey key, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(harness.simulator.baseUrl()
                + "/contacts/?locationId=" + key.resourceId() + "&query=ada")).timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token).header("Version", "2021-07-28").GET().build(),
            HttpResponse.BodyHandlers.ofString());
        budgets.observe(key, signal(response.statusCode(), response.headers()));
        return response.statusCode();
    }

    private static RateLimitSignal signal(int status, HttpHeaders headers) {
        return new RateLimitSignal(status == 429,
            headers.firstValueAsLong("Retry-After").stream().boxed().findFirst().map(Duration::ofSeconds),
            number(headers, "X-RateLimit-Max"), number(headers, "X-RateLimit-Remaining"),
            number(headers, "X-RateLimit-Limit-Daily"), number(headers, "X-RateLimit-Daily-Remaining"),
            Optional.empty());
    }

    private static OptionalLong number(HttpHeaders headers, String name) {
        return headers.firstValueAsLong(name);
    }

    @Test
    void threeInstancesNeverPutMoreThanTheBudgetIntoAnySlidingWindow() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1)
            .rateLimitPerWindow(Math.min(100, LIMIT + LIMIT / 9 + 1)).rateLimitWindow(WINDOW));
        List<HubHarness.Hub> hubs = List.of(harness.startHub(budgetSettings(200_000)),
            harness.startHub(budgetSettings(200_000)), harness.startHub(budgetSettings(200_000)));
        List<HubHarness.SeededLocation> seeded = harness.seedLocations(hubs.get(0), 2);
        HubHarness.SeededLocation location = seeded.get(0);
        BudgetKey key = key(location.locationId());
        String token = location.grant().accessToken();
        // warm-up on another location: the HTTP clients and the simulator's threads, not part of the measurement
        for (HubHarness.Hub hub : hubs) {
            RateBudgets budgets = hub.bean(RateBudgets.class);
            BudgetKey other = key(seeded.get(1).locationId());
            for (int i = 0; i < 3; i++) {
                assertThat(budgets.acquire(other, Priority.PRODUCT, Instant.now().plusSeconds(30)))
                    .isInstanceOf(BudgetDecision.Granted.class);
                searchContacts(budgets, other, seeded.get(1).grant().accessToken());
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(60);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger refusedByHub = new AtomicInteger();
        List<Future<Integer>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < CALLS_PER_HUB * hubs.size(); i++) {
                RateBudgets budgets = hubs.get(i % hubs.size()).bean(RateBudgets.class);
                Callable<Integer> call = () -> {
                    start.await();
                    BudgetDecision decision = budgets.acquire(key, Priority.PRODUCT, Instant.now().plusSeconds(120));
                    if (!(decision instanceof BudgetDecision.Granted)) {
                        refusedByHub.incrementAndGet();
                        return 0;
                    }
                    return searchContacts(budgets, key, token);
                };
                calls.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            List<Instant> seen = harness.simulator.acceptedCalls(location.locationId());
            StringBuilder trace = new StringBuilder();
            for (Instant t : seen) {
                trace.append(Duration.between(seen.get(0), t).toMillis()).append(' ');
            }
            assertThat(statuses).as("max %d in a window, 429s %d, accepted at (ms) %s",
                harness.simulator.maxCallsInAnySlidingWindow(location.locationId(), WINDOW),
                harness.simulator.tooManyRequests(location.locationId()), trace).containsOnly(200);
        } finally {
            pool.shutdownNow();
        }

        assertThat(refusedByHub).hasValue(0);
        assertThat(harness.simulator.tooManyRequests(location.locationId())).isZero();
        assertThat(harness.simulator.acceptedCalls(location.locationId())).hasSize(CALLS_PER_HUB * hubs.size());
        assertThat(harness.simulator.maxCallsInAnySlidingWindow(location.locationId(), WINDOW))
            .isLessThanOrEqualTo(LIMIT)
            .as("the budget is actually used, not just respected").isGreaterThan(LIMIT / 2);
    }

    @Test
    void aSpentDailyBudgetIsRefusedByEveryInstanceAndHighLevelSeesNothingMore() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        HubHarness.Hub first = harness.startHub(budgetSettings(30));
        HubHarness.Hub second = harness.startHub(budgetSettings(30));
        HubHarness.SeededLocation location = harness.seedLocations(first, 1).get(0);
        BudgetKey key = key(location.locationId());
        RateBudgets budgets = first.bean(RateBudgets.class);

        int granted = 0;
        BudgetDecision decision;
        while ((decision = budgets.acquire(key, Priority.PRODUCT, Instant.now().plus(WINDOW.multipliedBy(2))))
                instanceof BudgetDecision.Granted) {
            assertThat(searchContacts(budgets, key, location.grant().accessToken())).isEqualTo(200);
            granted++;
        }

        assertThat(decision).isInstanceOf(BudgetDecision.DailyExhausted.class);
        assertThat(((BudgetDecision.DailyExhausted) decision).retryAfter()).isPositive()
            .isLessThanOrEqualTo(Duration.ofDays(1));
        assertThat(decision.remaining().daily()).isZero();
        assertThat(granted).isPositive().isLessThanOrEqualTo(30);
        assertThat(second.bean(RateBudgets.class).acquire(key, Priority.PRODUCT, Instant.now().plusSeconds(1)))
            .isInstanceOf(BudgetDecision.DailyExhausted.class);
        assertThat(harness.simulator.acceptedCalls(location.locationId())).hasSize(granted);
        assertThat(harness.simulator.tooManyRequests(location.locationId())).isZero();
    }
}
