package io.accesshub.bootstrap.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.ClientId;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of {@code ./mvnw verify}; {@code bench/relay.sh} runs it): one hub
 * with its relay and lifecycle schedulers on relays N lifecycle events (default 2,000 over 200 installations) to a
 * subscriber that answers at once: after a warm-up, alone, then beside a second subscriber that answers at once, then
 * beside one that never answers (every send to it waits out the read timeout). Prints events per second of the fast
 * subscriber in each phase: beside the silent subscriber it must do as well as beside the healthy one (the second
 * subscription's own cost, queueing each event twice, is the same in both).
 */
class RelayBenchmark {

    private static final int EVENTS = Integer.getInteger("relay.bench.events", 2_000);
    private static final int INSTALLATIONS = Integer.getInteger("relay.bench.installations", 200);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void run() throws Exception {
        StringBuilder out = new StringBuilder();
        try (HubHarness harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
             RelayReceiver fast = new RelayReceiver();
             RelayReceiver healthy = new RelayReceiver();
             RelayReceiver slow = new RelayReceiver()) {
            slow.hang();
            HubHarness.Hub hub = harness.startHub(Map.of("accesshub.relay.allowed-hosts", "127.0.0.1",
                "accesshub.relay.interval", "100ms", "accesshub.lifecycle.dispatch.enabled", "true",
                "accesshub.lifecycle.dispatch.interval", "100ms", "accesshub.relay.read-timeout", "5s"));
            MarketplaceAppId app = ClientId.parse(harness.simulator.config().clientId()).appId();
            subscribe(harness, hub, fast.url());
            out.append(String.format("relay: %d events over %d installations per phase; parallel sends 8 per"
                + " subscription; read timeout 5 s%n", EVENTS, INSTALLATIONS));

            phase(hub, app, fast, EVENTS); // warm-up: the first events pay for class loading and JIT compilation
            double alone = phase(hub, app, fast, 2 * EVENTS);
            out.append(String.format("  fast subscriber alone: %.0f events/s (after a warm-up phase); %s%n", alone,
                latency(harness, fast.url())));

            String second = subscribe(harness, hub, healthy.url());
            double besideHealthy = phase(hub, app, fast, 3 * EVENTS);
            out.append(String.format("  fast subscriber beside a second one that answers at once: %.0f events/s (%.0f%%"
                + " of alone)%n", besideHealthy, 100 * besideHealthy / alone));
            harness.send("DELETE", hub.url("/api/v1/admin/subscriptions/" + second), HubHarness.API_KEY, null);

            subscribe(harness, hub, slow.url());
            double beside = phase(hub, app, fast, 4 * EVENTS);
            long slowAttempts = harness.count("SELECT COUNT(*) FROM relay_attempt a JOIN relay_subscription s"
                + " ON s.id = a.subscription_id WHERE s.url = '" + slow.url() + "'");
            long slowPending = harness.count("SELECT COUNT(*) FROM relay_delivery d JOIN relay_subscription s"
                + " ON s.id = d.subscription_id WHERE s.url = '" + slow.url() + "' AND d.state = 'PENDING'");
            out.append(String.format("  fast subscriber beside one that never answers: %.0f events/s (%.0f%% of"
                + " alone, %.0f%% of beside a healthy one); %s%n", beside, 100 * beside / alone,
                    100 * beside / besideHealthy, latency(harness, fast.url())))
                .append(String.format("  the silent subscriber meanwhile: %d attempts finished (each a 5 s timeout),"
                    + " 0 delivered, %d events waiting%n", slowAttempts, slowPending));
        }
        System.out.print(out);
        Files.writeString(Path.of("target", "relay-bench.txt"), out.toString());
    }

    /** The average and largest attempt latency to a subscriber so far, from the attempt log. */
    private static String latency(HubHarness harness, String url) {
        long count = harness.count("SELECT COUNT(*) FROM relay_attempt a JOIN relay_subscription s"
            + " ON s.id = a.subscription_id WHERE s.url = '" + url + "'");
        long sum = harness.count("SELECT COALESCE(SUM(latency_ms), 0) FROM relay_attempt a JOIN relay_subscription s"
            + " ON s.id = a.subscription_id WHERE s.url = '" + url + "'");
        long max = harness.count("SELECT COALESCE(MAX(latency_ms), 0) FROM relay_attempt a JOIN relay_subscription s"
            + " ON s.id = a.subscription_id WHERE s.url = '" + url + "'");
        return String.format("%d attempts, %.1f ms average send, %d ms longest", count, sum / (double) count, max);
    }

    /** Publishes {@code EVENTS} events and waits until the fast subscriber has {@code expected}; returns events/s. */
    private static double phase(HubHarness.Hub hub, MarketplaceAppId app, RelayReceiver fast, int expected)
            throws InterruptedException {
        List<InstallationId> installations = new ArrayList<>();
        for (int i = 0; i < INSTALLATIONS; i++) {
            installations.add(InstallationId.of(UUID.randomUUID()));
        }
        List<InstallationEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            InstallationId id = installations.get(i % INSTALLATIONS);
            events.add(new InstallationEvent(i < INSTALLATIONS ? InstallationEventType.INSTALLED
                : InstallationEventType.DEGRADED, id, InstallationKey.forLocation(app, CompanyId.of("bench-company"),
                LocationId.of("bench-" + id.toString().substring(0, 8))), InstallationStatus.ACTIVE,
                StateReason.GRANT_ISSUED, Instant.now()));
        }
        long started = System.nanoTime();
        hub.bean(InstallationEventPublisher.class).publish(events);
        long deadline = started + Duration.ofMinutes(10).toNanos();
        while (fast.accepted().size() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + fast.accepted().size() + " of " + expected + " events arrived");
            }
            Thread.sleep(20); // polling a measurement, not waiting for correctness
        }
        return EVENTS / ((System.nanoTime() - started) / 1e9);
    }

    private static String subscribe(HubHarness harness, HubHarness.Hub hub, String url) throws Exception {
        HubHarness.Response created = harness.send("POST", hub.url("/api/v1/admin/subscriptions"),
            HubHarness.API_KEY, JSON.writeValueAsString(Map.of("url", url, "eventTypes",
                List.of("installation.installed", "installation.degraded"))));
        if (created.status() != 201) {
            throw new AssertionError(created.body());
        }
        return (String) created.json().get("id");
    }
}
