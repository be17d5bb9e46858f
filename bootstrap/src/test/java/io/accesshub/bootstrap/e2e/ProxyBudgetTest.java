package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Proxied calls from three hub instances on one database share one location's budget: HighLevel (the simulator) never
 * sees more than the budget in any sliding window and answers no 429; every call is answered by HighLevel within its
 * deadline or gets the hub's 429 with {@code Retry-After}; a spent daily budget is refused by the hub without calling
 * HighLevel.
 *
 * <p>Real time is the clock here, so the window is shortened to keep {@code ./mvnw verify} short:
 * {@code -Daccesshub.e2e.budget.window=10s -Daccesshub.e2e.budget.limit=90
 * -Daccesshub.e2e.proxy.calls-per-hub=300} runs the full shape (about two minutes).
 */
class ProxyBudgetTest {

    private static final Duration WINDOW = Duration.parse("PT" + System.getProperty("accesshub.e2e.budget.window",
        "2s").toUpperCase());
    private static final int LIMIT = Integer.getInteger("accesshub.e2e.budget.limit", 18);
    private static final int CALLS_PER_HUB = Integer.getInteger("accesshub.e2e.proxy.calls-per-hub", 30);

    private HubHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    private static Map<String, Object> budgetSettings(long perDay) {
        return Map.of("accesshub.highlevel.requests-per-window", LIMIT, "accesshub.highlevel.window",
            WINDOW.toMillis() + "ms", "accesshub.highlevel.background-reserve", Math.max(1, LIMIT / 9),
            "accesshub.highlevel.requests-per-day", perDay, "accesshub.highlevel.send-allowance",
            // half the window: on a shared machine a permitted call may wait that long for a core
            WINDOW.dividedBy(2).toMillis() + "ms",
            "micronaut.http.services.highlevel.read-timeout", "8s", "accesshub.refresh.lease", "20s");
    }

    private HubHarness.Response search(HubHarness.Hub hub, String location, String maxWait) throws Exception {
        return harness.request("GET", hub.url("/api/v1/proxy/locations/" + location + "/contacts/?locationId="
            + location + "&query=ada"), HubHarness.API_KEY, null, "X-AccessHub-Max-Wait", maxWait);
    }

    @Test
    void threeInstancesProxyingConcurrentlyNeverPutMoreThanTheBudgetIntoAnySlidingWindow() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1)
            .rateLimitPerWindow(Math.min(100, LIMIT + LIMIT / 9 + 1)).rateLimitWindow(WINDOW));
        List<HubHarness.Hub> hubs = List.of(harness.startHub(budgetSettings(200_000)),
            harness.startHub(budgetSettings(200_000)), harness.startHub(budgetSettings(200_000)));
        List<HubHarness.SeededLocation> seeded = harness.seedLocations(hubs.get(0), 2);
        String location = seeded.get(0).locationId();
        for (HubHarness.Hub hub : hubs) {
            // warm-up on another location: HTTP clients, routes, the simulator's threads
            assertThat(search(hub, seeded.get(1).locationId(), "30").status()).isEqualTo(200);
        }

        ExecutorService pool = Executors.newFixedThreadPool(90);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HubHarness.Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < CALLS_PER_HUB * hubs.size(); i++) {
                HubHarness.Hub hub = hubs.get(i % hubs.size());
                Callable<HubHarness.Response> call = () -> {
                    start.await();
                    return search(hub, location, "60");
                };
                calls.add(pool.submit(call));
            }
            start.countDown();
            int answeredByHighLevel = 0;
            for (Future<HubHarness.Response> call : calls) {
                HubHarness.Response response = call.get();
                if (response.status() == 429) {
                    assertThat(response.json().get("code")).as(response.body()).isEqualTo("budget_exhausted");
                    assertThat(response.headers().firstValueAsLong("Retry-After")).isPresent();
                } else {
                    assertThat(response.status()).as(response.body()).isEqualTo(200);
                    answeredByHighLevel++;
                }
                assertThat(response.headers().firstValueAsLong("X-AccessHub-Budget-Remaining")).isPresent();
            }
            assertThat(answeredByHighLevel).as("a 60 s deadline covers the whole run").isEqualTo(calls.size());
        } finally {
            pool.shutdownNow();
        }

        assertThat(harness.simulator.tooManyRequests(location)).isZero();
        assertThat(harness.simulator.acceptedCalls(location)).hasSize(CALLS_PER_HUB * hubs.size());
        assertThat(harness.simulator.maxCallsInAnySlidingWindow(location, WINDOW)).isLessThanOrEqualTo(LIMIT)
            .as("the budget is actually used, not just respected").isGreaterThan(LIMIT / 2);
    }

    @Test
    void aSpentDayIsRefusedByEveryInstanceAndHighLevelSeesNoMoreThanTheDailyBudget() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        HubHarness.Hub first = harness.startHub(budgetSettings(12));
        HubHarness.Hub second = harness.startHub(budgetSettings(12));
        String location = harness.seedLocations(first, 1).get(0).locationId();

        int answered = 0;
        HubHarness.Response response;
        Instant giveUp = Instant.now().plusSeconds(60);
        while ((response = search(answered % 2 == 0 ? first : second, location, "60")).status() == 200
                && Instant.now().isBefore(giveUp)) {
            answered++;
        }
        // Permits an instance leased before the day was spent are part of the day's count and may still be served;
        // after them every instance refuses.
        for (HubHarness.Hub hub : List.of(first, second)) {
            HubHarness.Response more;
            int served = 0;
            while ((more = search(hub, location, "0")).status() == 200 && served < 12) {
                served++;
                answered++;
            }
            assertThat(more.status()).as(more.body()).isEqualTo(429);
            assertThat(more.json().get("code")).isEqualTo("daily_budget_exhausted");
        }

        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.json().get("code")).isEqualTo("daily_budget_exhausted");
        assertThat(response.headers().firstValueAsLong("Retry-After").orElseThrow()).isPositive()
            .isLessThanOrEqualTo(86_400);
        assertThat(response.headers().firstValueAsLong("X-AccessHub-Daily-Remaining")).hasValue(0);
        assertThat(answered).as("calls HighLevel answered, on both instances").isPositive()
            .isLessThanOrEqualTo(12);
        assertThat(harness.simulator.acceptedCalls(location)).hasSize(answered);
        assertThat(harness.simulator.tooManyRequests(location)).isZero();
    }
}
