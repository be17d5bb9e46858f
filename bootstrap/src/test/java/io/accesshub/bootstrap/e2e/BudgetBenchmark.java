package io.accesshub.bootstrap.e2e;

import io.accesshub.application.port.in.BudgetDecision;
import io.accesshub.application.port.in.RateBudgets;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetPolicy;
import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.budget.RateLimitSignal;
import io.accesshub.domain.marketplace.ClientId;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of {@code ./mvnw verify}; {@code bench/budgets.sh} runs it): hub
 * instances on one database make contacts searches for N distinct locations (default 100) as fast as the shared
 * budgets let them, against the simulator's HighLevel limits. Prints calls per second against the budget-limited
 * maximum, the 429s, the busiest sliding window of any location, and the database statements per call (the server's
 * own {@code Com_select}/{@code Com_update}/{@code Com_insert} counters).
 */
class BudgetBenchmark {

    private static final int LOCATIONS = Integer.getInteger("budget.bench.locations", 100);
    private static final int HUBS = Integer.getInteger("budget.bench.hubs", 3);
    private static final int THREADS = Integer.getInteger("budget.bench.threads", 200);
    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("budget.bench.seconds", 30));

    @Test
    void run() throws Exception {
        StringBuilder out = new StringBuilder();
        try (HubHarness harness = new HubHarness(SimulatorConfig.builder().locationCount(1).serverThreads(32))) {
            List<HubHarness.Hub> hubs = new ArrayList<>();
            for (int i = 0; i < HUBS; i++) {
                hubs.add(harness.startHub(Map.of()));
            }
            List<HubHarness.SeededLocation> locations = harness.seedLocations(hubs.get(0), LOCATIONS);
            BudgetPolicy policy = hubs.get(0).bean(BudgetPolicy.class);
            var app = ClientId.parse(harness.simulator.config().clientId()).appId();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            AtomicLong calls = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            long[] before = statements();
            Instant end = Instant.now().plus(RUN);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                pool.submit(() -> {
                    int i = thread;
                    while (Instant.now().isBefore(end)) {
                        HubHarness.SeededLocation location = locations.get(i++ % locations.size());
                        RateBudgets budgets = hubs.get(i % hubs.size()).bean(RateBudgets.class);
                        BudgetKey key = BudgetKey.of(app, location.locationId());
                        BudgetDecision d = budgets.acquire(key, Priority.PRODUCT, end);
                        if (!(d instanceof BudgetDecision.Granted)) {
                            // no room before the end of the run: this caller is done
                            refused.incrementAndGet();
                            break;
                        }
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(harness.simulator.baseUrl()
                                + "/contacts/?locationId=" + key.resourceId())).header("Version", "2021-07-28")
                            .header("Authorization", "Bearer " + location.grant().accessToken()).build(),
                            HttpResponse.BodyHandlers.discarding());
                        budgets.observe(key, new RateLimitSignal(r.statusCode() == 429, Optional.empty(),
                            r.headers().firstValueAsLong("X-RateLimit-Max"),
                            r.headers().firstValueAsLong("X-RateLimit-Remaining"),
                            r.headers().firstValueAsLong("X-RateLimit-Limit-Daily"),
                            r.headers().firstValueAsLong("X-RateLimit-Daily-Remaining")));
                        calls.incrementAndGet();
                    }
                    return null;
                });
            }
            pool.shutdown();
            pool.awaitTermination(RUN.toSeconds() + 120, TimeUnit.SECONDS);
            long[] after = statements();
            double seconds = RUN.toMillis() / 1000.0;
            double maximum = LOCATIONS * policy.burstCap(Priority.PRODUCT)
                / (policy.ringSize() * policy.slotLength().toMillis() / 1000.0);
            int busiest = 0;
            long tooMany = 0;
            for (HubHarness.SeededLocation location : locations) {
                busiest = Math.max(busiest, harness.simulator.maxCallsInAnySlidingWindow(location.locationId(),
                    policy.window()));
                tooMany += harness.simulator.tooManyRequests(location.locationId());
            }
            long selects = after[0] - before[0];
            long writes = after[1] - before[1] + after[2] - before[2];
            out.append(String.format("budgets: %d hubs, %d locations, %d threads, %.0f s; budget %d per %s (product %d),"
                    + " %d sub-windows, ring %d%n", HUBS, LOCATIONS, THREADS, seconds, policy.limit(), policy.window(),
                policy.burstCap(Priority.PRODUCT), policy.subWindows(), policy.ringSize()))
                .append(String.format("  calls: %d = %.1f per s; budget-limited maximum %.1f per s (%.0f%%); callers"
                    + " out of budget at the end %d%n", calls.get(), calls.get() / seconds, maximum,
                    100 * calls.get() / seconds / maximum, refused.get()))
                .append(String.format("  HighLevel: 429s %d; busiest sliding %s window of one location: %d%n", tooMany,
                    policy.window(), busiest))
                .append(String.format("  database: %d selects + %d writes = %.3f queries per call; with the"
                    + " transaction statements (%d COMMIT, %d SET, %d ROLLBACK) %.3f statements per call%n", selects,
                    writes, (selects + writes) / (double) Math.max(1, calls.get()), after[3] - before[3],
                    after[4] - before[4], after[5] - before[5], (selects + writes + after[3] - before[3]
                        + after[4] - before[4] + after[5] - before[5]) / (double) Math.max(1, calls.get())));
        }
        System.out.print(out);
        Files.writeString(Path.of("target", "budget-bench.txt"), out.toString());
    }

    private static final List<String> COUNTERS = List.of("Com_select", "Com_update", "Com_insert", "Com_commit",
        "Com_set_option", "Com_rollback");

    /** The server's statement counters (every statement of every connection), in {@link #COUNTERS} order. */
    private static long[] statements() throws Exception {
        long[] counts = new long[COUNTERS.size()];
        try (Connection c = TestDatabase.shared().openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select', 'Com_update',"
                 + " 'Com_insert', 'Com_commit', 'Com_set_option', 'Com_rollback')")) {
            while (rs.next()) {
                for (int i = 0; i < COUNTERS.size(); i++) {
                    if (COUNTERS.get(i).equalsIgnoreCase(rs.getString(1))) {
                        counts[i] = rs.getLong(2);
                    }
                }
            }
        }
        return counts;
    }
}
