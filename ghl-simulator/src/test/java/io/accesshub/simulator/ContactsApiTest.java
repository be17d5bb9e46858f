package io.accesshub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sample contacts API: search, get and create, under the per-resource limits, with 401 for bad tokens. */
class ContactsApiTest {

    private GhlSimulator simulator;
    private SimulatorClient client;
    private String token;

    @BeforeEach
    void start() throws Exception {
        simulator = GhlSimulator.start(SimulatorConfig.builder().fastTestProfile().build());
        client = new SimulatorClient(simulator);
        token = (String) client.installLocation("sim-loc-0001").body().get("access_token");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCreatedContactCanBeReadAndSearched() throws Exception {
        SimulatorClient.Response created = client.postJson("/contacts/",
            "{\"locationId\":\"sim-loc-0001\",\"firstName\":\"Grace\",\"email\":\"grace@example.com\"}", token);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-RateLimit-Remaining")).hasValue("99");
        String id = (String) ((Map<String, Object>) created.body().get("contact")).get("id");

        SimulatorClient.Response read = client.get("/contacts/" + id, token, true);
        assertThat(read.status()).isEqualTo(200);
        assertThat((Map<String, Object>) read.body().get("contact")).containsEntry("firstName", "Grace");

        SimulatorClient.Response search = client.get("/contacts/?locationId=sim-loc-0001&query=grace", token, true);
        assertThat(search.status()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) search.body().get("contacts")).extracting(c -> c.get("id"))
            .containsExactly(id);
        assertThat(client.get("/contacts/?locationId=sim-loc-0002", token, true).status()).isEqualTo(403);
    }

    @Test
    void expiredAndUnknownTokensGetUnauthorized() throws Exception {
        assertThat(client.get("/contacts/sim-contact-1", "not-a-token", true).status()).isEqualTo(401);
        simulator.clock().advance(Duration.ofHours(25));
        assertThat(client.get("/contacts/sim-contact-1", token, true).status()).isEqualTo(401);
        assertThat(simulator.acceptedCalls("sim-loc-0001")).isEmpty();
    }

    @Test
    void everyAcceptedCallIsRecordedSoSlidingWindowsCanBeChecked() throws Exception {
        for (int i = 0; i < 60; i++) {
            assertThat(client.get("/contacts/sim-contact-1", token, true).status()).isEqualTo(200);
        }
        simulator.clock().advance(Duration.ofSeconds(6));
        for (int i = 0; i < 60; i++) {
            client.get("/contacts/sim-contact-1", token, true);
        }
        // 60 + 40 fit the window that began with the first call; the 41st of the second batch is refused
        assertThat(simulator.tooManyRequests("sim-loc-0001")).isEqualTo(20);
        assertThat(simulator.acceptedCalls("sim-loc-0001")).hasSize(100);
        assertThat(simulator.maxCallsInAnySlidingWindow("sim-loc-0001", Duration.ofSeconds(10))).isEqualTo(100);
        assertThat(simulator.maxCallsInAnySlidingWindow("sim-loc-0001", Duration.ofSeconds(6))).isEqualTo(60);
        SimulatorClient.Response limits = client.get("/_sim/rate-limits?resourceId=sim-loc-0001", null, false);
        assertThat(limits.body()).containsEntry("accepted", 100).containsEntry("tooManyRequests", 20)
            .containsEntry("maxInAnySlidingWindow", 100);
    }
}
