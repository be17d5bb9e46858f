package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.SimulatorConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's own database server stops while services read tokens and installations: every API answer is 503
 * {@code service_unavailable} with the configured {@code Retry-After} (never 500, never the driver's message), and
 * once the server is back the same reads answer 200.
 */
class ApiDatabaseOutageTest {

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

    @Test
    void tokenAndInstallationReadsAreServiceUnavailableDuringTheOutageAndServedAfterIt() throws Exception {
        database = new StoppableDatabase();
        harness = new HubHarness(SimulatorConfig.builder().fastTestProfile().locationCount(3));
        Map<String, Object> properties = database.hubProperties();
        // not the default 5s, and not whole seconds: proves the setting and the rounding up
        properties.put("accesshub.database.unavailable-retry-after", "2500ms");
        HubHarness.Hub hub = harness.startHub(properties);
        assertThat(harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of())
            .status()).isEqualTo(200);
        assertThat(harness.locationToken(hub, "sim-loc-0001").status()).isEqualTo(200);
        String installationId = installationId(hub);
        List<String> reads = List.of(
            "/api/v1/locations/sim-loc-0001/access-token",
            "/api/v1/companies/sim-company-1/access-token",
            "/api/v1/installations",
            "/api/v1/installations?locationId=sim-loc-0001",
            "/api/v1/installations/" + installationId);

        database.stop();
        List<HubHarness.Response> duringOutage = new ArrayList<>();
        for (String read : reads) {
            duringOutage.add(harness.get(hub.url(read), HubHarness.API_KEY));
        }

        database.start();
        List<Integer> whileReconnecting = new ArrayList<>();
        HubHarness.Response after = harness.locationToken(hub, "sim-loc-0001");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (after.status() != 200 && Instant.now().isBefore(deadline)) {
            whileReconnecting.add(after.status());
            Thread.sleep(200);
            after = harness.locationToken(hub, "sim-loc-0001");
        }

        for (int i = 0; i < reads.size(); i++) {
            HubHarness.Response response = duringOutage.get(i);
            assertThat(response.status()).as("%s while the database was down: %s", reads.get(i), response.body())
                .isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.json()).containsEntry("code", "service_unavailable").containsEntry("status", 503);
            assertThat(response.headers().firstValue("Retry-After")).as("2500ms rounded up").hasValue("3");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.body()).doesNotContain("jdbc", "127.0.0.1", "localhost", String.valueOf(database.port()),
                "SELECT", "Hikari", "Exception");
        }
        assertThat(whileReconnecting).as("answers while the pool reconnected").allMatch(status -> status == 503);
        assertThat(after.status()).as("the token read once the database is back").isEqualTo(200);
        assertThat(after.json()).containsEntry("locationId", "sim-loc-0001");
        assertThat(harness.get(hub.url("/api/v1/installations/" + installationId), HubHarness.API_KEY).status())
            .isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private String installationId(HubHarness.Hub hub) throws Exception {
        List<Map<String, Object>> items = (List<Map<String, Object>>) harness.get(
            hub.url("/api/v1/installations?locationId=sim-loc-0001"), HubHarness.API_KEY).json().get("items");
        return (String) items.get(0).get("id");
    }
}
