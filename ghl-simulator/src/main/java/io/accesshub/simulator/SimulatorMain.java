package io.accesshub.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulator as a standalone process. Configuration through environment variables (see README):
 * {@code GHL_SIM_PORT} (8090), {@code GHL_SIM_HOST} (127.0.0.1), {@code GHL_SIM_LOCATIONS} (10),
 * {@code GHL_SIM_REDIRECT_URIS} (comma separated), {@code GHL_SIM_WEBHOOK_URL}, {@code GHL_SIM_CLIENT_SECRET},
 * {@code GHL_SIM_GRACE_SECONDS} (30, 0 = off), {@code GHL_SIM_RATE_LIMIT} (100), {@code GHL_SIM_RATE_WINDOW_SECONDS}
 * (10), {@code GHL_SIM_SEED} (42).
 */
public final class SimulatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        GhlSimulator simulator = GhlSimulator.start(fromEnvironment(System.getenv()));
        LOG.info("Simulated agency {} with {} locations; app client id {}; control API at {}/_sim/",
            simulator.config().companyId(), simulator.config().locationCount(), simulator.config().clientId(),
            simulator.baseUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "ghl-sim-shutdown"));
        stopped.await();
    }

    static SimulatorConfig fromEnvironment(Map<String, String> env) {
        SimulatorConfig.Builder b = SimulatorConfig.builder()
            .host(env.getOrDefault("GHL_SIM_HOST", "127.0.0.1"))
            .port(Integer.parseInt(env.getOrDefault("GHL_SIM_PORT", "8090")))
            .locationCount(Integer.parseInt(env.getOrDefault("GHL_SIM_LOCATIONS", "10")))
            .seed(Long.parseLong(env.getOrDefault("GHL_SIM_SEED", "42")))
            .rateLimitPerWindow(Integer.parseInt(env.getOrDefault("GHL_SIM_RATE_LIMIT", "100")))
            .rateLimitWindow(Duration.ofSeconds(Long.parseLong(env.getOrDefault("GHL_SIM_RATE_WINDOW_SECONDS", "10"))))
            .refreshGraceWindow(Duration.ofSeconds(Long.parseLong(env.getOrDefault("GHL_SIM_GRACE_SECONDS", "30"))));
        if (env.containsKey("GHL_SIM_REDIRECT_URIS")) {
            List<String> uris = Arrays.stream(env.get("GHL_SIM_REDIRECT_URIS").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
            b.redirectUris(uris);
        }
        if (env.containsKey("GHL_SIM_WEBHOOK_URL")) {
            b.webhookUrl(env.get("GHL_SIM_WEBHOOK_URL"));
        }
        if (env.containsKey("GHL_SIM_CLIENT_SECRET")) {
            b.clientSecret(env.get("GHL_SIM_CLIENT_SECRET"));
        }
        return b.build();
    }
}
