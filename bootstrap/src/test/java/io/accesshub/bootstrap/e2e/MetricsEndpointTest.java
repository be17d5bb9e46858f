package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} on a real hub and database: Prometheus text for {@code metrics:read} and {@code admin} keys
 * only, the series documented in docs/operations.md, moving under a token read, a refresh and a webhook, and never a
 * location or company id in a label.
 */
class MetricsEndpointTest {

    /** Series docs/operations.md promises after a token read, a refresh and a webhook (name and bounded labels). */
    private static final List<String> DOCUMENTED = List.of(
        "accesshub_refresh_outcomes_total", "accesshub_refresh_lag_seconds_count", "accesshub_refresh_lag_seconds_bucket",
        "accesshub_token_reads_seconds_count", "accesshub_token_reads_seconds_bucket",
        "accesshub_token_cache_lookups_total", "accesshub_highlevel_calls_total", "accesshub_webhooks_received_total",
        "accesshub_webhooks_processed_total",
        "accesshub_installations", "accesshub_webhooks_inbox_depth", "accesshub_webhooks_inbox_oldest_age_seconds",
        "accesshub_webhooks_dead_letters", "accesshub_lifecycle_outbox_depth", "accesshub_lifecycle_outbox_parked",
        "accesshub_provisioning_queue_depth", "hikaricp_connections_active", "hikaricp_connections_max",
        "hikaricp_connections_pending");

    private HubHarness harness;
    private HubHarness.Hub hub;
    private HubHarness.SeededLocation location;
    private String metricsKey;
    private String tokensOnlyKey;

    @BeforeEach
    void start() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        hub = harness.startHub();
        location = harness.seedLocations(hub, 1).get(0);
        metricsKey = createKey("{\"name\":\"prometheus\",\"permissions\":[\"metrics:read\"]}");
        tokensOnlyKey = createKey("{\"name\":\"reader\",\"permissions\":[\"tokens:read\"]}");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private String createKey(String body) throws Exception {
        HubHarness.Response created = harness.send("POST", hub.url("/api/v1/admin/api-keys"), HubHarness.API_KEY, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("key");
    }

    private HubHarness.Response scrape(String key) throws Exception {
        return harness.get(hub.url("/metrics"), key);
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (0 when there is none). */
    private static double value(String body, String name, Map<String, String> labels) {
        Pattern line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$");
        double sum = 0;
        Matcher m = line.matcher(body);
        while (m.find()) {
            String rendered = m.group(1);
            if (labels.entrySet().stream().allMatch(e -> rendered.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    @Test
    void onlyMetricsAndAdminKeysMayScrape() throws Exception {
        HubHarness.Response anonymous = scrape(null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/problem+json"));
        HubHarness.Response tokensOnly = scrape(tokensOnlyKey);
        assertThat(tokensOnly.status()).isEqualTo(403);
        assertThat(tokensOnly.body()).doesNotContain("accesshub_");

        for (String key : List.of(metricsKey, HubHarness.API_KEY)) {
            HubHarness.Response served = scrape(key);
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(served.body()).contains("# TYPE accesshub_webhooks_inbox_depth gauge");
        }
        assertThat(harness.get(hub.url("/prometheus"), HubHarness.API_KEY).status())
            .as("Micronaut's own endpoints are off").isEqualTo(404);
    }

    @Test
    void theDocumentedSeriesMoveUnderTokenReadsRefreshesAndWebhooksWithoutIdsInLabels() throws Exception {
        String app = harness.simulator.config().appId();
        String before = scrape(metricsKey).body();
        assertThat(value(before, "accesshub_token_reads_seconds_count", Map.of("outcome", "issued"))).isZero();
        assertThat(value(before, "accesshub_installations", Map.of("app", app, "status", "active"))).isEqualTo(1);

        assertThat(harness.locationToken(hub, location.locationId()).status()).isEqualTo(200);
        harness.expireAllAccessTokens();
        assertThat(harness.locationToken(hub, location.locationId()).status()).as("refreshed on read").isEqualTo(200);
        assertThat(harness.get(hub.url("/api/v1/locations/no-such-location/access-token"), HubHarness.API_KEY)
            .status()).isEqualTo(404);
        byte[] webhook = ("{\"type\":\"LocationCreate\",\"id\":\"sim-loc-0042\",\"companyId\":\"sim-company-1\","
            + "\"appId\":\"" + app + "\",\"name\":\"New shop\",\"timestamp\":\"" + Instant.now()
            + "\",\"webhookId\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(harness.deliverSigned(hub, webhook)).isEqualTo(200);
        assertThat(harness.deliverSigned(hub, webhook)).as("a duplicate").isEqualTo(200);
        harness.processWebhooks(hub);

        String after = scrape(metricsKey).body();
        assertThat(DOCUMENTED).allSatisfy(name -> assertThat(after).as(name).containsPattern("(?m)^" + name + "[{ ]"));
        assertThat(value(after, "accesshub_token_reads_seconds_count", Map.of("outcome", "issued"))).isEqualTo(2);
        assertThat(value(after, "accesshub_token_reads_seconds_count", Map.of("outcome", "not_installed")))
            .isEqualTo(1);
        assertThat(value(after, "accesshub_token_cache_lookups_total", Map.of("result", "miss"))).isEqualTo(3);
        assertThat(value(after, "accesshub_refresh_outcomes_total", Map.of("app", app, "outcome", "issued")))
            .isEqualTo(1);
        assertThat(value(after, "accesshub_refresh_lag_seconds_count", Map.of("app", app))).isEqualTo(1);
        assertThat(value(after, "accesshub_highlevel_calls_total",
            Map.of("app", app, "endpoint", "/oauth/token", "status", "200"))).isEqualTo(1);
        assertThat(value(after, "accesshub_webhooks_received_total", Map.of("outcome", "accepted"))).isEqualTo(1);
        assertThat(value(after, "accesshub_webhooks_received_total", Map.of("outcome", "duplicate"))).isEqualTo(1);
        assertThat(value(after, "accesshub_webhooks_processed_total", Map.of())).as("the one stored event, handled")
            .isEqualTo(1);

        assertThat(after).as("no location or company id in any label")
            .doesNotContain(location.locationId()).doesNotContain(location.grant().companyId())
            .doesNotContain("sim-loc-0042").doesNotContain("no-such-location");
        assertThat(after).contains("hikaricp_connections_max{pool=\"accesshub\"}");
    }
}
