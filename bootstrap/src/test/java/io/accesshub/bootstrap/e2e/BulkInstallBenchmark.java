package io.accesshub.bootstrap.e2e;

import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.InvariantReport;
import io.accesshub.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (not a test): an agency bulk-installs the app on N locations (default 1,000) under HighLevel's real
 * limit of 100 requests per 10 s per company, and the hub mints every location token in the background. Prints how
 * long that took, the 429s and the busiest 10 s window. Run with {@code bench/bulk-install.sh [locations]}.
 */
public final class BulkInstallBenchmark {

    private BulkInstallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int locations = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        try (HubHarness harness = new HubHarness(SimulatorConfig.builder().locationCount(locations))) {
            HubHarness.Hub hub = harness.startHub(Map.of("accesshub.provisioning.scheduler.enabled", "true",
                "accesshub.provisioning.scheduler.interval", "1s"));
            List<String> all = new ArrayList<>();
            for (int i = 1; i <= locations; i++) {
                all.add(String.format("sim-loc-%04d", i));
            }
            String callback = harness.consent(hub, AuthorizeRequest.Target.AGENCY, null, all);
            long start = System.nanoTime();
            HubHarness.Response answer = harness.completeInstall(hub, callback);
            long callbackMillis = (System.nanoTime() - start) / 1_000_000;
            String query = "SELECT COUNT(*) FROM installation i JOIN token_grant g ON g.installation_id = i.id"
                + " WHERE i.location_id IS NOT NULL AND i.status = 'ACTIVE'";
            long minted = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (minted < locations && System.nanoTime() < deadline) {
                Thread.sleep(250);
                minted = harness.count(query);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            InvariantReport report = harness.simulator.invariants();
            System.out.printf("bulk install of %d locations (HighLevel limit %d per %s per company)%n", locations,
                harness.simulator.config().rateLimitPerWindow(), harness.simulator.config().rateLimitWindow());
            System.out.printf("  callback answered %d in %d ms%n", answer.status(), callbackMillis);
            System.out.printf("  location tokens minted: %d of %d in %.1f s (%.1f per s)%n", minted, locations, seconds,
                minted / seconds);
            System.out.printf("  429 answers: %d; most requests by one resource in any window: %d%n",
                report.tooManyRequests(), report.maxRequestsPerResourceInWindow());
            System.out.printf("  requests: %s%n", report.requestsPerEndpoint());
        }
        System.exit(0); // the embedded database and HTTP clients leave non-daemon threads behind
    }
}
