package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.http.security.ApiKeyRegistry;
import io.accesshub.application.port.in.BudgetDecision;
import io.accesshub.application.port.in.RateBudgets;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.marketplace.ClientId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.simulator.SimulatorConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/budgets} on the real database: the limits configured, what the hub counted against a company's
 * and a location's budget in the current window and today, problems for a missing key, permission or resource, and
 * scoped keys that see another tenant's budget exactly like a budget nobody used.
 *
 * <p>The ledger's clock is the database's, which a test cannot move; so that the counts cannot leave the window or the
 * day while the test runs, the window is ten minutes and the day starts at midnight in a zone where it is now about
 * noon.
 */
class BudgetVisibilityTest {

    private static final String READER_ONLY_TOKENS = "e2e-tokens-only-key-0001";

    private HubHarness harness;
    private HubHarness.Hub hub;
    private String app;
    private String company;
    private String location;
    private String otherLocation;

    /** A fixed-offset zone in which it is now between 12:00 and 13:00. */
    private static String zoneWhereItIsAboutNoon() {
        int hour = Instant.now().atZone(ZoneOffset.UTC).getHour();
        return ZoneOffset.ofHours(12 - hour).getId();
    }

    @BeforeEach
    void start() {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        hub = harness.startHub(Map.of("accesshub.highlevel.requests-per-window", 50,
            "accesshub.highlevel.window", "600s", "accesshub.highlevel.background-reserve", 5,
            "accesshub.highlevel.requests-per-day", 1_000, "accesshub.highlevel.day-zone", zoneWhereItIsAboutNoon(),
            "accesshub.api.keys", "e2e:" + ApiKeyRegistry.sha256Hex(HubHarness.API_KEY)
                + ":tokens:read+installations:read+admin;tokens-only:" + ApiKeyRegistry.sha256Hex(READER_ONLY_TOKENS)
                + ":tokens:read"));
        List<HubHarness.SeededLocation> seeded = harness.seedLocations(hub, 2);
        app = ClientId.parse(harness.simulator.config().clientId()).appId().value();
        company = seeded.get(0).grant().companyId();
        location = seeded.get(0).locationId();
        otherLocation = seeded.get(1).locationId();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** Counts calls the way the hub's HighLevel client does for token exchanges and refreshes. */
    private void record(String resource, int calls) {
        RateBudgets budgets = hub.bean(RateBudgets.class);
        for (int i = 0; i < calls; i++) {
            budgets.record(BudgetKey.of(MarketplaceAppId.of(app), resource));
        }
    }

    private HubHarness.Response budgets(String query, String key) throws Exception {
        return harness.get(hub.url("/api/v1/budgets" + query), key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(HubHarness.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (List<Map<String, Object>>) response.json().get("items");
    }

    private Map<String, Object> budget(String resource, int burstUsed, int dailyUsed) {
        return Map.of("appId", app, "resourceId", resource, "burstLimit", 50, "burstUsed", burstUsed,
            "dailyLimit", 1_000, "dailyUsed", dailyUsed, "reserve", 5);
    }

    private String createKey(String body) throws Exception {
        HubHarness.Response created = harness.send("POST", hub.url("/api/v1/admin/api-keys"), HubHarness.API_KEY, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("key");
    }

    @Test
    void aRequestWithoutKeyPermissionOrResourceIsAProblem() throws Exception {
        HubHarness.Response anonymous = budgets("?locationId=" + location, null);
        HubHarness.Response tokensOnly = budgets("?locationId=" + location, READER_ONLY_TOKENS);
        HubHarness.Response nothingAsked = budgets("", HubHarness.API_KEY);
        HubHarness.Response tooLong = budgets("?companyId=" + "c".repeat(65), HubHarness.API_KEY);
        HubHarness.Response notAnId = budgets("?locationId=a%20b", HubHarness.API_KEY);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code")).isEqualTo("unauthenticated");
        assertThat(tokensOnly.status()).isEqualTo(403);
        assertThat(tokensOnly.json().get("code")).isEqualTo("forbidden");
        for (HubHarness.Response invalid : List.of(nothingAsked, tooLong, notAnId)) {
            assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
            assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(invalid.json().get("code")).isEqualTo("invalid_budget_query");
        }
    }

    @Test
    void aCompanysAndALocationsBudgetShowWhatTheHubCountedInTheWindowAndToday() throws Exception {
        HubHarness.Response untouched = budgets("?companyId=" + company + "&locationId=" + location,
            HubHarness.API_KEY);
        assertThat(items(untouched)).containsExactly(budget(company, 0, 0), budget(location, 0, 0));

        record(company, 2);
        record(location, 3);
        assertThat(hub.bean(RateBudgets.class).acquire(BudgetKey.of(MarketplaceAppId.of(app), location),
            Priority.BACKGROUND, Instant.now().plusSeconds(30))).as("a first lease takes one permit")
            .isInstanceOf(BudgetDecision.Granted.class);

        HubHarness.Response both = budgets("?companyId=" + company + "&locationId=" + location, HubHarness.API_KEY);
        assertThat(items(both)).containsExactly(budget(company, 2, 2), budget(location, 4, 4));
        assertThat(both.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(items(budgets("?locationId=" + location, HubHarness.API_KEY)))
            .containsExactly(budget(location, 4, 4));
    }

    @Test
    void aScopedKeySeesItsOwnBudgetsAndAnotherTenantsLikeBudgetsNobodyUsed() throws Exception {
        record(company, 2);
        record(location, 1);
        record(otherLocation, 3);
        String ownLocation = createKey("{\"name\":\"one-location\",\"permissions\":[\"installations:read\"],"
            + "\"locations\":[\"" + location + "\"]}");
        String ownCompany = createKey("{\"name\":\"own-company\",\"permissions\":[\"installations:read\"],"
            + "\"companies\":[\"" + company + "\"]}");
        String otherCompany = createKey("{\"name\":\"other-company\",\"permissions\":[\"installations:read\"],"
            + "\"companies\":[\"another-company\"]}");

        assertThat(items(budgets("?locationId=" + location, ownLocation))).containsExactly(budget(location, 1, 1));
        assertThat(items(budgets("?companyId=" + company + "&locationId=" + otherLocation, ownCompany)))
            .as("a company key sees its company and, through their installations, its locations")
            .containsExactly(budget(company, 2, 2), budget(otherLocation, 3, 3));

        HubHarness.Response otherTenant = budgets("?companyId=" + company + "&locationId=" + otherLocation,
            ownLocation);
        HubHarness.Response unknown = budgets("?companyId=unknown-company&locationId=unknown-location",
            HubHarness.API_KEY);
        assertThat(items(otherTenant)).containsExactly(budget(company, 0, 0), budget(otherLocation, 0, 0));
        assertThat(otherTenant.body().replace(company, "unknown-company").replace(otherLocation, "unknown-location"))
            .as("another tenant's budgets read exactly like budgets nobody used").isEqualTo(unknown.body());
        assertThat(items(budgets("?companyId=" + company + "&locationId=" + location, otherCompany)))
            .containsExactly(budget(company, 0, 0), budget(location, 0, 0));
    }
}
