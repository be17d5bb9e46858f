package io.accesshub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private GhlSimulator simulator;
    private SimulatorClient client;
    private String accessToken;

    @BeforeEach
    void start() throws Exception {
        simulator = GhlSimulator.start(SimulatorConfig.builder().fastTestProfile().build());
        client = new SimulatorClient(simulator);
        accessToken = (String) client.installLocation("sim-loc-0001").body().get("access_token");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void theHundredAndFirstRequestInAWindowGetsTooManyRequestsWithHeaders() throws Exception {
        SimulatorClient.Response last = null;
        for (int i = 1; i <= 100; i++) {
            last = client.get("/locations/sim-loc-0001", accessToken, true);
            assertThat(last.status()).as("request %d", i).isEqualTo(200);
        }
        assertThat(last.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");

        SimulatorClient.Response over = client.get("/locations/sim-loc-0001", accessToken, true);

        assertThat(over.status()).isEqualTo(429);
        assertThat(over.headers().firstValue("X-RateLimit-Max")).hasValue("100");
        assertThat(over.headers().firstValue("X-RateLimit-Interval-Milliseconds")).hasValue("10000");
        assertThat(over.headers().firstValue("X-RateLimit-Limit-Daily")).hasValue("200000");
        assertThat(over.headers().firstValue("X-RateLimit-Daily-Remaining")).hasValue("199900");
        assertThat(over.headers().firstValue("Retry-After")).isPresent();
        InvariantReport report = simulator.invariants();
        assertThat(report.tooManyRequests()).isEqualTo(1);
        assertThat(report.maxRequestsPerResourceInWindow()).isEqualTo(101);
    }

    @Test
    void theWindowSlidesWithTheSimulatedClock() throws Exception {
        for (int i = 0; i < 100; i++) {
            client.get("/locations/sim-loc-0001", accessToken, true);
        }
        assertThat(client.get("/locations/sim-loc-0001", accessToken, true).status()).isEqualTo(429);

        simulator.clock().advance(Duration.ofSeconds(10));

        assertThat(client.get("/locations/sim-loc-0001", accessToken, true).status()).isEqualTo(200);
    }

    @Test
    void eachResourceHasItsOwnBudget() throws Exception {
        String other = (String) client.installLocation("sim-loc-0002").body().get("access_token");
        for (int i = 0; i < 100; i++) {
            client.get("/locations/sim-loc-0001", accessToken, true);
        }

        assertThat(client.get("/locations/sim-loc-0002", other, true).status()).isEqualTo(200);
    }
}
