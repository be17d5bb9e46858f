package io.accesshub.bootstrap.e2e;

import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.domain.budget.BudgetPolicy;
import io.accesshub.domain.budget.Priority;
import io.accesshub.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of {@code ./mvnw verify}; {@code bench/proxy.sh} runs it), of the proxy
 * {@code /api/v1/proxy/locations/{locationId}/{path}} on the embedded database and the simulator. Nothing is asserted.
 *
 * <ol>
 *   <li><b>Overhead</b>: one hub, one location; {@code GET contacts/?locationId=X&query=ada} sent sequentially,
 *   directly at the simulator with the location's token and through the hub's proxy, in blocks of 100 taking turns
 *   (so both see the same machine load, with the simulator's window left empty between blocks), after a warm-up;
 *   each kind on its own keep-alive HTTP/1.1 connection. The budget is set so the proxy never waits for it: by default
 *   100 per 50 ms window in one slot, no send allowance, background reserve 1, so 99 product calls per ring of 100 ms
 *   (~1,000 per second); the simulator allows 100 per 50 ms. The fastest block of proxied calls (below that rate) and
 *   the lowest {@code X-AccessHub-Budget-Remaining} seen (above 0) show that it never waited. A slot of 50 ms lets a
 *   sequential caller use slices of several permits, as a busy location does with the default 500 ms slots;
 *   {@code -Dproxy.bench.overhead.window-ms=20 -Dproxy.bench.overhead.sub-windows=4} (5 ms slots) makes nearly every
 *   proxied call lease in the database, as a quiet location does. Prints p50, p90, p99, mean and maximum of both, the
 *   overhead (proxied − direct) and the database statements per proxied call.</li>
 *   <li><b>Throughput</b>: N hubs (default 3) on one database, M locations (default 100), many client threads each
 *   looping over the locations through the hubs' proxies for S seconds, each call allowed to wait for budget until
 *   the end of the run ({@code X-AccessHub-Max-Wait}, at most 60). The simulator enforces the hubs' own limit per
 *   10 s window, so a 429 from it is a budget breach. Prints proxied calls per second against the budget-limited
 *   maximum (M × product cap per ring of slots, as {@link BudgetBenchmark} does), the simulator's 429s, the busiest
 *   sliding window of any location and the database statements per proxied call (the server's own counters).</li>
 * </ol>
 *
 * <p>Calls per second are given twice: over the whole run, which includes every location's first burst of a whole
 * ring's cap (a 30 s run holds three bursts in 2.6 rings of 11.5 s: up to 15 % above the steady rate), and
 * "steady": HighLevel's accepted calls within whole ring spans starting half a span after the start. Where the budget
 * limits, each location's calls come in bursts that repeat once per ring span, and these bounds fall between them;
 * where the machine limits, calls are spread evenly and both figures are the machine's rate.
 *
 * <p>Settings (system properties): {@code proxy.bench.locations} (100), {@code proxy.bench.seconds} (30; at least
 * 1.5 ring spans, 17.25 s, for a steady figure), {@code proxy.bench.hubs} (3), {@code proxy.bench.limit} (requests per
 * 10 s window, 90; a ninth of it, at least 1, is the background reserve), {@code proxy.bench.threads} (200),
 * {@code proxy.bench.overhead.calls} (2,000 of each; 0 skips the overhead part), {@code proxy.bench.overhead.warmup}
 * (1,000 of each), {@code proxy.bench.overhead.window-ms} (50) and {@code proxy.bench.overhead.sub-windows} (1),
 * {@code proxy.bench.throughput} ({@code false} skips the throughput part), {@code proxy.bench.send-allowance} (the
 * throughput hubs' {@code accesshub.highlevel.send-allowance}; unset: their default, 1 s).
 */
class ProxyBenchmark {

    private static final int LOCATIONS = Integer.getInteger("proxy.bench.locations", 100);
    private static final int HUBS = Integer.getInteger("proxy.bench.hubs", 3);
    private static final int LIMIT = Integer.getInteger("proxy.bench.limit", 90);
    private static final int THREADS = Integer.getInteger("proxy.bench.threads", 200);
    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("proxy.bench.seconds", 30));
    private static final int OVERHEAD_CALLS = Integer.getInteger("proxy.bench.overhead.calls", 2_000);
    private static final int OVERHEAD_WARMUP = Integer.getInteger("proxy.bench.overhead.warmup", 1_000);

    /**
     * The overhead part's budget window and sub-windows: short, so the cap is far above what one sequential caller
     * makes (default 50 ms in one slot, no send allowance: 99 product calls per ring of 100 ms, ~1,000 per second).
     */
    private static final Duration OVERHEAD_WINDOW = Duration.ofMillis(Integer.getInteger(
        "proxy.bench.overhead.window-ms", 50));
    private static final int OVERHEAD_SUB_WINDOWS = Integer.getInteger("proxy.bench.overhead.sub-windows", 1);
    private static final boolean THROUGHPUT = Boolean.parseBoolean(System.getProperty("proxy.bench.throughput",
        "true"));
    /** The throughput part's window: HighLevel's. */
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final String VERSION = "2021-07-28";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    /** The overhead part's clients, one per kind of call: each keeps its one connection alive. */
    private final HttpClient directClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpClient proxyClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void run() throws Exception {
        StringBuilder out = new StringBuilder();
        if (OVERHEAD_CALLS > 0) {
            overhead(out);
            System.out.print(out);
        }
        if (THROUGHPUT) {
            throughput(out);
            System.out.print(out);
        }
        Files.writeString(Path.of("target", "proxy-bench.txt"), out.toString());
    }

    /** Settings every hub of the benchmark gets on top of {@link HubHarness#startHub}'s. */
    private static Map<String, Object> hubSettings(int limit, Duration window, int subWindows, int reserve) {
        return Map.of("accesshub.highlevel.requests-per-window", limit,
            "accesshub.highlevel.window", window.toMillis() + "ms",
            "accesshub.highlevel.sub-windows", subWindows,
            "accesshub.highlevel.background-reserve", reserve,
            // the production default (the harness turns the cache off for tests that edit the database)
            "accesshub.token-cache.ttl", "2s",
            // a loaded machine may take seconds to answer; the refresh lease must outlast one request
            "micronaut.http.services.highlevel.read-timeout", "10s", "accesshub.refresh.lease", "20s");
    }

    // ---------------------------------------------------------------------------------------------------- overhead

    private void overhead(StringBuilder out) throws Exception {
        String loadBefore = loadAverage();
        try (HubHarness harness = new HubHarness(SimulatorConfig.builder().locationCount(1)
                .rateLimitPerWindow(100).rateLimitWindow(OVERHEAD_WINDOW))) {
            Map<String, Object> settings = new java.util.HashMap<>(hubSettings(100, OVERHEAD_WINDOW,
                OVERHEAD_SUB_WINDOWS, 1));
            settings.put("accesshub.highlevel.send-allowance", "0ms");
            HubHarness.Hub hub = harness.startHub(settings);
            BudgetPolicy policy = hub.bean(BudgetPolicy.class);
            HubHarness.SeededLocation seeded = harness.seedLocations(hub, 1).get(0);
            String location = seeded.locationId();
            String token = seeded.grant().accessToken();
            // one contact that matches the search, so both answers carry a found contact and the same body size
            HttpResponse<byte[]> created = http.send(HttpRequest.newBuilder(URI.create(harness.simulator.baseUrl()
                    + "/contacts/")).header("Version", VERSION).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"locationId\":\"" + location + "\",\"firstName\":\"Ada\",\"email\":\"ada@example.com\"}"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (created.statusCode() != 201) {
                throw new AssertionError("the simulator answered " + created.statusCode() + " to the contact");
            }
            String query = "contacts/?locationId=" + location + "&query=ada";
            HttpRequest direct = HttpRequest.newBuilder(URI.create(harness.simulator.baseUrl() + "/" + query))
                .timeout(Duration.ofSeconds(30)).header("Version", VERSION).header("Authorization", "Bearer " + token)
                .GET().build();
            HttpRequest proxied = HttpRequest.newBuilder(URI.create(hub.url("/api/v1/proxy/locations/" + location
                    + "/" + query))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + HubHarness.API_KEY).GET().build();

            Sample directWarm = new Sample(OVERHEAD_WARMUP);
            Sample proxyWarm = new Sample(OVERHEAD_WARMUP);
            alternately(direct, directWarm, proxied, proxyWarm, OVERHEAD_WARMUP);
            long[] before = statements();
            Instant start = Instant.now();
            Sample directCalls = new Sample(OVERHEAD_CALLS);
            Sample proxyCalls = new Sample(OVERHEAD_CALLS);
            double fastest = alternately(direct, directCalls, proxied, proxyCalls, OVERHEAD_CALLS);
            long[] after = statements();
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            Duration ring = policy.slotLength().multipliedBy(policy.ringSize());
            long statements = 0;
            for (int i = 0; i < COUNTERS.size(); i++) {
                statements += after[i] - before[i];
            }
            out.append(String.format("proxy overhead: 1 hub, 1 location, GET %s, %d calls each (blocks of %d direct"
                    + " and %d proxied in turn) after %d each to warm up, %.1f s; load average before %s, after %s%n",
                    "contacts/?locationId=X&query=ada", OVERHEAD_CALLS, BLOCK, BLOCK, OVERHEAD_WARMUP, seconds,
                    loadBefore, loadAverage()))
                .append(String.format("  budget %d per %s (product %d per ring of %d ms = %.0f per s); simulator 100"
                    + " per %s; fastest block of proxied calls %.0f per s, lowest X-AccessHub-Budget-Remaining %d;"
                    + " non-200 answers %d direct / %d proxied, simulator 429s %d; database statements per proxied"
                    + " call %.2f (%d selects, %d writes)%n", policy.limit(), policy.window(),
                    policy.burstCap(Priority.PRODUCT), ring.toMillis(),
                    policy.burstCap(Priority.PRODUCT) * 1000.0 / ring.toMillis(), OVERHEAD_WINDOW, fastest,
                    proxyCalls.lowestBudget, directCalls.failures + directWarm.failures,
                    proxyCalls.failures + proxyWarm.failures, harness.simulator.tooManyRequests(location),
                    statements / (double) OVERHEAD_CALLS, after[0] - before[0],
                    after[1] - before[1] + after[2] - before[2]))
                .append(String.format("  %-8s p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  mean %7.3f ms  max %8.3f ms%n",
                    "direct", directCalls.percentile(50), directCalls.percentile(90), directCalls.percentile(99),
                    directCalls.mean(), directCalls.percentile(100)))
                .append(String.format("  %-8s p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  mean %7.3f ms  max %8.3f ms%n",
                    "proxied", proxyCalls.percentile(50), proxyCalls.percentile(90), proxyCalls.percentile(99),
                    proxyCalls.mean(), proxyCalls.percentile(100)))
                .append(String.format("  overhead (proxied - direct): p50 %.3f ms, p99 %.3f ms, mean %.3f ms%n",
                    proxyCalls.percentile(50) - directCalls.percentile(50),
                    proxyCalls.percentile(99) - directCalls.percentile(99), proxyCalls.mean() - directCalls.mean()));
        }
    }

    /** Calls of one kind in a row, before the other kind takes its turn. */
    private static final int BLOCK = 100;

    /**
     * {@code calls} of each request, in blocks of {@link #BLOCK} taking turns; returns the fastest proxied block's
     * calls per second. Before each block the simulator's window passes without calls: the direct calls are HighLevel
     * calls the hub does not know about, and seeing them in HighLevel's headers would make the hub correct its budget
     * in the database on every proxied call.
     */
    private double alternately(HttpRequest direct, Sample directs, HttpRequest proxied, Sample proxies, int calls)
            throws Exception {
        double fastest = 0;
        for (int done = 0; done < calls; done += BLOCK) {
            int n = Math.min(BLOCK, calls - done);
            // HighLevel's window forgets the other kind's calls: a block never meets its limit of 100
            Thread.sleep(OVERHEAD_WINDOW.multipliedBy(2).toMillis());
            for (int i = 0; i < n; i++) {
                directs.time(directClient, direct);
            }
            Thread.sleep(OVERHEAD_WINDOW.multipliedBy(2).toMillis());
            long begin = System.nanoTime();
            for (int i = 0; i < n; i++) {
                proxies.time(proxyClient, proxied);
            }
            fastest = Math.max(fastest, n / ((System.nanoTime() - begin) / 1e9));
        }
        return fastest;
    }

    /** Latencies of one kind of call. */
    private static final class Sample {
        private final long[] nanos;
        private int n;
        int failures;
        long lowestBudget = Long.MAX_VALUE;

        Sample(int capacity) {
            nanos = new long[capacity];
        }

        void time(HttpClient http, HttpRequest request) throws Exception {
            long begin = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            nanos[n++] = System.nanoTime() - begin;
            if (response.statusCode() != 200) {
                failures++;
            }
            response.headers().firstValueAsLong("X-AccessHub-Budget-Remaining")
                .ifPresent(b -> lowestBudget = Math.min(lowestBudget, b));
        }

        /** The nearest-rank percentile in milliseconds ({@code 100} is the maximum). */
        double percentile(int p) {
            long[] sorted = Arrays.copyOf(nanos, n);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * n);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }

        double mean() {
            return Arrays.stream(nanos, 0, n).average().orElse(0) / 1e6;
        }
    }

    // -------------------------------------------------------------------------------------------------- throughput

    private void throughput(StringBuilder out) throws Exception {
        int reserve = Math.max(1, LIMIT / 9);
        try (HubHarness harness = new HubHarness(SimulatorConfig.builder().locationCount(1).serverThreads(32)
                .rateLimitPerWindow(LIMIT).rateLimitWindow(WINDOW))) {
            List<HubHarness.Hub> hubs = new ArrayList<>();
            for (int i = 0; i < HUBS; i++) {
                Map<String, Object> settings = new java.util.HashMap<>(hubSettings(LIMIT, WINDOW, 20, reserve));
                String allowance = System.getProperty("proxy.bench.send-allowance");
                if (allowance != null) {
                    settings.put("accesshub.highlevel.send-allowance", allowance);
                }
                hubs.add(harness.startHub(settings));
            }
            BudgetPolicy policy = hubs.get(0).bean(BudgetPolicy.class);
            List<HubHarness.SeededLocation> seeded = harness.seedLocations(hubs.get(0), LOCATIONS + 1);
            // the first location warms every hub up (routes, HTTP clients, connection pools) and is not measured
            String warmUp = seeded.get(0).locationId();
            List<String> locations = seeded.subList(1, seeded.size()).stream()
                .map(HubHarness.SeededLocation::locationId).toList();
            for (HubHarness.Hub hub : hubs) {
                for (int i = 0; i < Math.min(2, policy.burstCap(Priority.PRODUCT) / hubs.size()); i++) {
                    proxy(hub, warmUp, 10);
                }
            }

            AtomicLong calls = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicInteger finishedEarly = new AtomicInteger();
            ConcurrentMap<Integer, LongAdder> others = new ConcurrentHashMap<>();
            String loadBefore = loadAverage();
            long[] before = statements();
            Instant begin = Instant.now();
            Instant end = begin.plus(RUN);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                pool.submit(() -> {
                    int i = thread;
                    while (true) {
                        long left = Duration.between(Instant.now(), end).toSeconds();
                        if (left <= 0) {
                            break;
                        }
                        int maxWait = (int) Math.min(60, left);
                        String location = locations.get(i % locations.size());
                        HubHarness.Hub hub = hubs.get((i / locations.size() + thread) % hubs.size());
                        i++;
                        HttpResponse<byte[]> r = proxy(hub, location, maxWait);
                        if (r.statusCode() == 200) {
                            calls.incrementAndGet();
                        } else if (r.statusCode() == 429 && new String(r.body(), StandardCharsets.UTF_8)
                                .contains("\"budget_exhausted\"")) {
                            refused.incrementAndGet();
                            if (maxWait == left) {
                                // no room before the end of the run: this caller is done
                                finishedEarly.incrementAndGet();
                                break;
                            }
                        } else {
                            others.computeIfAbsent(r.statusCode(), s -> new LongAdder()).increment();
                        }
                    }
                    return null;
                });
            }
            pool.shutdown();
            pool.awaitTermination(RUN.toSeconds() + 120, TimeUnit.SECONDS);
            long[] after = statements();
            Instant finished = Instant.now();
            String loadAfter = loadAverage();

            Duration ring = policy.slotLength().multipliedBy(policy.ringSize());
            double seconds = RUN.toMillis() / 1000.0;
            int cap = policy.burstCap(Priority.PRODUCT);
            double maximum = LOCATIONS * cap / (ring.toMillis() / 1000.0);
            int busiest = 0;
            long tooMany = 0;
            // steady: HighLevel's accepted calls in whole ring spans, from half a span after the start
            Instant from = begin.plus(ring.dividedBy(2));
            long spans = Duration.between(from, end).toMillis() / ring.toMillis();
            Instant to = from.plus(ring.multipliedBy(spans));
            long steadyCalls = 0;
            List<String> overCap = new ArrayList<>();
            for (String location : locations) {
                int most = harness.simulator.maxCallsInAnySlidingWindow(location, policy.window());
                busiest = Math.max(busiest, most);
                tooMany += harness.simulator.tooManyRequests(location);
                List<Instant> accepted = harness.simulator.acceptedCalls(location);
                if (most > cap) {
                    overCap.add(location + " (" + most + "): " + accepted.stream().map(a -> String.format("%.3f",
                        Duration.between(begin, a).toMillis() / 1000.0)).toList());
                }
                if (Boolean.getBoolean("proxy.bench.debug")) {
                    System.out.println("DEBUG " + location + " " + accepted.stream().map(a -> Duration.between(begin, a)
                        .toMillis() + "/" + policy.slotOf(a) % 1000).toList());
                }
                steadyCalls += accepted.stream().filter(a -> !a.isBefore(from) && a.isBefore(to)).count();
            }
            double steady = spans < 1 ? Double.NaN : steadyCalls / (Duration.between(from, to).toMillis() / 1000.0);
            long selects = after[0] - before[0];
            long writes = after[1] - before[1] + after[2] - before[2];
            long transactions = after[3] - before[3] + after[4] - before[4] + after[5] - before[5];
            StringBuilder details = new StringBuilder();
            overCap.stream().limit(5).forEach(o -> details.append("    above the cap, HighLevel's accepted calls (s"
                + " after the start): ").append(o).append('\n'));
            out.append(String.format("proxy throughput: %d hubs, %d locations, %d client threads, %.0f s (all done"
                    + " %.1f s after the start); budget %d per %s (product %d, %d sub-windows, ring %d slots = %.1f s),"
                    + " simulator %d per %s; load average before %s, after %s%n", HUBS, LOCATIONS, THREADS, seconds,
                    Duration.between(begin, finished).toMillis() / 1000.0, policy.limit(), policy.window(), cap,
                    policy.subWindows(), policy.ringSize(), ring.toMillis() / 1000.0, LIMIT, WINDOW, loadBefore,
                    loadAfter))
                .append(String.format("  proxied calls answered 200: %d = %.1f per s over the run (%.0f%% of the"
                    + " budget-limited maximum %.1f per s, first bursts included)%n", calls.get(),
                    calls.get() / seconds, 100 * calls.get() / seconds / maximum, maximum))
                .append(spans < 1 ? String.format("  steady: not measured, a run needs at least 1.5 ring spans"
                    + " (%.1f s)%n", 1.5 * ring.toMillis() / 1000.0)
                    : String.format("  steady (HighLevel's accepted calls from %.2f s to %.2f s after the start, %d"
                    + " whole ring span(s)): %d = %.1f per s = %.0f%% of the budget-limited maximum%n",
                    Duration.between(begin, from).toMillis() / 1000.0, Duration.between(begin, to).toMillis() / 1000.0,
                    spans, steadyCalls, steady, 100 * steady / maximum))
                .append(String.format("  hub 429 budget_exhausted %d (callers with no room before the end %d); other"
                    + " answers %s%n", refused.get(), finishedEarly.get(), new TreeMap<>(others)))
                .append(String.format("  HighLevel (simulator): 429s %d; busiest sliding %s window of one location: %d"
                    + " (product cap %d, limit %d); locations above the product cap in some window: %d%n", tooMany,
                    policy.window(), busiest, cap, policy.limit(), overCap.size())).append(details)
                .append(String.format("  database: %d selects + %d writes = %.3f queries per proxied call; with the"
                    + " transaction statements (%d COMMIT, %d SET, %d ROLLBACK) %.3f statements per proxied call%n",
                    selects, writes, (selects + writes) / (double) Math.max(1, calls.get()), after[3] - before[3],
                    after[4] - before[4], after[5] - before[5],
                    (selects + writes + transactions) / (double) Math.max(1, calls.get())));
        }
    }

    private HttpResponse<byte[]> proxy(HubHarness.Hub hub, String location, int maxWait) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/proxy/locations/" + location
                + "/contacts/?locationId=" + location + "&query=ada"))).timeout(Duration.ofSeconds(maxWait + 30))
            .header("Authorization", "Bearer " + HubHarness.API_KEY)
            .header("X-AccessHub-Max-Wait", String.valueOf(maxWait)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception unavailable) {
            return "n/a";
        }
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
