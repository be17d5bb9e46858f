package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's own database server stops in the middle of webhook intake: deliveries are answered 429 (never 5xx, never
 * 200 without a stored row) and, once the server is back, HighLevel's redeliveries are stored and processed once.
 */
class WebhookDatabaseOutageTest {

    private HubHarness harness;
    private StoppableDatabase database;

    @AfterEach
    void stop() throws IOException {
        if (harness != null) {
            harness.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static byte[] install(String location) {
        return ("{\"type\":\"INSTALL\",\"appId\":\"65f0c0ffee0123456789abcd\",\"installType\":\"Location\","
            + "\"locationId\":\"" + location + "\",\"companyId\":\"sim-company-1\",\"timestamp\":\"" + Instant.now()
            + "\",\"webhookId\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private int deliver(HubHarness.Hub hub, byte[] body) throws Exception {
        return harness.deliverSigned(hub, body);
    }

    /** HighLevel's behaviour: a delivery answered 429 is sent again (here at once, a bounded number of times). */
    private int deliverWithRetries(HubHarness.Hub hub, byte[] body) throws Exception {
        int status = 0;
        for (int attempt = 0; attempt < 6 && status != 200; attempt++) {
            status = deliver(hub, body);
            assertThat(status).as("only 200 or 429").isIn(200, 429);
        }
        return status;
    }

    @Test
    void deliveriesDuringTheOutageAreTooManyRequestsAndTheirRetriesAreProcessedOnce() throws Exception {
        database = new StoppableDatabase();
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3));
        Map<String, Object> properties = database.hubProperties();
        properties.put("accesshub.webhooks.inbox.store-timeout", "3s");
        HubHarness.Hub hub = harness.startHub(properties);
        byte[] before = install("sim-loc-0001");
        byte[] during = install("sim-loc-0002");
        assertThat(deliver(hub, before)).isEqualTo(200);

        database.stop();
        int[] duringOutage = {deliver(hub, during), deliver(hub, during), deliver(hub, install("sim-loc-0003"))};

        database.start();
        int retried = deliverWithRetries(hub, during);
        int duplicate = deliver(hub, during);
        harness.processWebhooks(hub);

        assertThat(duringOutage).as("answers while the database was down").containsOnly(429);
        assertThat(retried).isEqualTo(200);
        assertThat(duplicate).isEqualTo(200);
        WebhookInbox inbox = hub.bean(WebhookInbox.class);
        assertThat(inbox.count()).as("the event before and the retried one; the third was never retried").isEqualTo(2);
        assertThat(inbox.countByStatus("DONE")).isEqualTo(2);
        assertThat(harness.status(hub, "sim-loc-0002")).isEqualTo("PENDING");
    }
}
