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
        "accesshub_provisioning_queue_depth", "accesshub_budget_remaining_calls", "hikaricp_connections_active", "hikaricp_connections_max",
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

    /** A fixed-offset zone in which it is now between 12:00 and 13:00, so the budgets' day cannot end in the test. */
    private static String zoneWhereItIsAboutNoon() {
        int hour = Instant.now().atZone(java.time.ZoneOffset.UTC).getHour();
        return java.time.ZoneOffset.ofHours(12 - hour).getId();
    }

    @Test
    void theRemainingBudgetGaugeFollowsTheTightestBudgetPerAppPriorityAndWindowWithoutIds() throws Exception {
        // 50 a ten-minute window, 5 of them kept for the hub; 1,000 a day, of which product traffic may use 900
        HubHarness.Hub steady = harness.startHub(Map.of("accesshub.highlevel.requests-per-window", 50,
            "accesshub.highlevel.window", "600s", "accesshub.highlevel.background-reserve", 5,
            "accesshub.highlevel.requests-per-day", 1_000, "accesshub.highlevel.day-zone", zoneWhereItIsAboutNoon(),
            "accesshub.metrics.gauge-interval", "0s"));
        String app = harness.simulator.config().appId();
        String name = "accesshub_budget_remaining_calls";
        String before = harness.get(steady.url("/metrics"), metricsKey).body();
        assertThat(before).contains("# TYPE " + name + " gauge");
        assertThat(value(before, name, Map.of("app", app, "priority", "product", "window", "burst"))).isEqualTo(45);
        assertThat(value(before, name, Map.of("app", app, "priority", "product", "window", "daily"))).isEqualTo(900);
        assertThat(value(before, name, Map.of("app", app, "priority", "background", "window", "burst"))).isEqualTo(50);
        assertThat(value(before, name, Map.of("app", app, "priority", "background", "window", "daily")))
            .isEqualTo(1_000);

        io.accesshub.application.port.in.RateBudgets budgets =
            steady.bean(io.accesshub.application.port.in.RateBudgets.class);
        io.accesshub.domain.marketplace.MarketplaceAppId appId = io.accesshub.domain.marketplace.MarketplaceAppId.of(app);
        for (int i = 0; i < 7; i++) {
            budgets.record(io.accesshub.domain.budget.BudgetKey.of(appId, location.locationId()));
        }
        for (int i = 0; i < 3; i++) {
            budgets.record(io.accesshub.domain.budget.BudgetKey.of(appId, location.grant().companyId()));
        }

        String after = harness.get(steady.url("/metrics"), metricsKey).body();
        assertThat(value(after, name, Map.of("app", app, "priority", "product", "window", "burst"))).isEqualTo(38);
        assertThat(value(after, name, Map.of("app", app, "priority", "product", "window", "daily"))).isEqualTo(893);
        assertThat(value(after, name, Map.of("app", app, "priority", "background", "window", "burst"))).isEqualTo(43);
        assertThat(value(after, name, Map.of("app", app, "priority", "background", "window", "daily"))).isEqualTo(993);
        assertThat(after).as("bounded labels: no location or company id")
            .doesNotContain(location.locationId()).doesNotContain(location.grant().companyId());
    }
}
