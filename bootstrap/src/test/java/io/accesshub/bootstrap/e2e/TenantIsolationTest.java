package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.AuditTokenReadsUseCase;
import io.accesshub.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scoped API keys on the real database: keys created through the admin API see only their tenants (everything else
 * answers exactly like an unknown installation), agency tokens need their own permission, a revoked key stops
 * working on another instance within five seconds, and every token read shows up in the audit under the key's name.
 */
class TenantIsolationTest {

    private HubHarness harness;
    private HubHarness.Hub hub;
    private String company;
    private List<HubHarness.SeededLocation> locations;

    @BeforeEach
    void start() {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        hub = harness.startHub();
        locations = harness.seedLocations(hub, 2);
        company = locations.get(0).grant().companyId();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Map<String, Object> createKey(String body) throws Exception {
        HubHarness.Response created = harness.send("POST", hub.url("/api/v1/admin/api-keys"), HubHarness.API_KEY, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
        return created.json();
    }

    private int tokenStatus(HubHarness.Hub on, String locationId, String key) throws Exception {
        return harness.get(on.url("/api/v1/locations/" + locationId + "/access-token"), key).status();
    }

    @Test
    void aKeyScopedToACompanySeesOnlyThatCompanysTokensAndInstallations() throws Exception {
        String ours = (String) createKey("{\"name\":\"ours\",\"permissions\":[\"tokens:read\",\"installations:read\"],"
            + "\"companies\":[\"" + company + "\"]}").get("key");
        String theirs = (String) createKey("{\"name\":\"theirs\",\"permissions\":[\"tokens:read\",\"installations:read\"],"
            + "\"companies\":[\"another-company\"]}").get("key");
        String location = locations.get(0).locationId();
        String installationId = locations.get(0).installationId().toString();

        assertThat(tokenStatus(hub, location, ours)).isEqualTo(200);
        HubHarness.Response outOfScope = harness.get(hub.url("/api/v1/locations/" + location + "/access-token"), theirs);
        HubHarness.Response unknown = harness.get(hub.url("/api/v1/locations/no-such-location/access-token"), theirs);
        assertThat(outOfScope.status()).isEqualTo(404);
        assertThat(outOfScope.body()).as("out of scope reads exactly like not installed").isEqualTo(unknown.body());

        assertThat(harness.get(hub.url("/api/v1/installations"), ours).json().get("totalCount")).isEqualTo(2);
        assertThat(harness.get(hub.url("/api/v1/installations"), theirs).json().get("totalCount")).isEqualTo(0);
        assertThat(harness.get(hub.url("/api/v1/installations/" + installationId), ours).status()).isEqualTo(200);
        assertThat(harness.get(hub.url("/api/v1/installations/" + installationId), theirs).status()).isEqualTo(404);
    }

    @Test
    void aKeyScopedToALocationReadsOnlyThatLocation() throws Exception {
        String key = (String) createKey("{\"name\":\"one-location\",\"permissions\":[\"tokens:read\"],"
            + "\"locations\":[\"" + locations.get(0).locationId() + "\"]}").get("key");

        assertThat(tokenStatus(hub, locations.get(0).locationId(), key)).isEqualTo(200);
        assertThat(tokenStatus(hub, locations.get(1).locationId(), key)).isEqualTo(404);
    }

    @Test
    void agencyTokensNeedTheirOwnPermission() throws Exception {
        String locationsOnly = (String) createKey("{\"name\":\"reader\",\"permissions\":[\"tokens:read\"]}").get("key");
        String agencies = (String) createKey("{\"name\":\"agency-reader\",\"permissions\":[\"company-tokens:read\"]}")
            .get("key");

        assertThat(harness.get(hub.url("/api/v1/companies/" + company + "/access-token"), locationsOnly).status())
            .isEqualTo(403);
        assertThat(harness.get(hub.url("/api/v1/companies/" + company + "/access-token"), agencies).status())
            .as("allowed; there is no agency install here").isEqualTo(404);
        assertThat(tokenStatus(hub, locations.get(0).locationId(), agencies)).isEqualTo(403);
    }

    @Test
    void aRevokedKeyIsRefusedOnAnotherInstanceWithinFiveSeconds() throws Exception {
        HubHarness.Hub second = harness.startHub();
        Map<String, Object> created = createKey("{\"name\":\"short-lived\",\"permissions\":[\"tokens:read\"]}");
        String key = (String) created.get("key");
        String location = locations.get(0).locationId();
        assertThat(tokenStatus(second, location, key)).isEqualTo(200);

        HubHarness.Response revoked = harness.send("DELETE", hub.url("/api/v1/admin/api-keys/" + created.get("id")),
            HubHarness.API_KEY, null);
        long revokedAt = System.nanoTime();
        assertThat(revoked.status()).isEqualTo(204);

        assertThat(tokenStatus(hub, location, key)).as("the revoking instance refuses at once").isEqualTo(401);
        int status = 200;
        while (status == 200 && System.nanoTime() - revokedAt < Duration.ofSeconds(6).toNanos()) {
            status = tokenStatus(second, location, key);
            if (status == 200) {
                Thread.sleep(100); // polling for the other instance's cache to expire, not for correctness
            }
        }
        assertThat(status).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) harness.get(
            hub.url("/api/v1/admin/api-keys"), HubHarness.API_KEY).json().get("items");
        assertThat(listed).anySatisfy(k -> {
            assertThat(k.get("name")).isEqualTo("short-lived");
            assertThat(k.get("revokedAt")).isNotNull();
            assertThat(k.get("lastUsedAt")).isNotNull();
            assertThat(k).doesNotContainKey("key");
        });
    }

    @Test
    void tokenReadsShowUpInTheAuditUnderTheKeysName() throws Exception {
        String key = (String) createKey("{\"name\":\"billing\",\"permissions\":[\"tokens:read\"]}").get("key");
        String location = locations.get(0).locationId();
        for (int i = 0; i < 3; i++) {
            assertThat(tokenStatus(hub, location, key)).isEqualTo(200);
        }
        hub.bean(AuditTokenReadsUseCase.class).flush();

        HubHarness.Response audit = harness.get(hub.url("/api/v1/admin/audit/token-reads?key=billing&locationId="
            + location), HubHarness.API_KEY);

        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) audit.json().get("items");
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.get("keyName")).isEqualTo("billing");
            assertThat(item.get("companyId")).isEqualTo(company);
            assertThat(item.get("locationId")).isEqualTo(location);
            assertThat(((Number) item.get("reads")).longValue()).isEqualTo(3);
        });
        assertThat(harness.get(hub.url("/api/v1/admin/audit/token-reads"), key).status())
            .as("the audit is for admins").isEqualTo(403);
    }

    @Test
    void invalidKeyDefinitionsAreClearProblemsAndStoreNothing() throws Exception {
        for (String body : List.of("{\"name\":\"x\",\"permissions\":[\"tokens:write\"]}",
            "{\"name\":\"x\",\"permissions\":[\"admin\"],\"companies\":[\"c1\"]}",
            "{\"name\":\"has space\",\"permissions\":[\"tokens:read\"]}",
            "{\"name\":\"x\",\"permissions\":[\"tokens:read\"],\"expiresAt\":\"2000-01-01T00:00:00Z\"}",
            "{\"name\":\"x\",\"permissions\":[\"tokens:read\"],\"expiresAt\":\"tomorrow\"}",
            "{\"name\":\"x\",\"permissions\":[\"tokens:read\"],\"apps\":[\"notourapp000000000000000\"]}",
            "{\"permissions\":[\"tokens:read\"]}")) {
            HubHarness.Response refused = harness.send("POST", hub.url("/api/v1/admin/api-keys"), HubHarness.API_KEY,
                body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().get("code")).as(body).isEqualTo("invalid_api_key");
        }
        assertThat(harness.count("SELECT COUNT(*) FROM api_key")).isZero();
        createKey("{\"name\":\"x\",\"permissions\":[\"tokens:read\"]}");
        assertThat(harness.send("POST", hub.url("/api/v1/admin/api-keys"), HubHarness.API_KEY,
            "{\"name\":\"x\",\"permissions\":[\"tokens:read\"]}").status()).isEqualTo(409);
    }

    @Test
    void aConfiguredKeyNamingAnUnknownPermissionStopsTheHubAtStartup() {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> harness.startHub(Map.of(
            "accesshub.api.keys", "svc:" + io.accesshub.adapter.http.security.ApiKeyRegistry.sha256Hex("k")
                + ":tokens:write")));

        assertThat(failure).isNotNull();
        Throwable root = failure;
        StringBuilder messages = new StringBuilder();
        for (; root != null; root = root.getCause()) {
            messages.append(root.getMessage()).append('\n');
        }
        assertThat(messages.toString()).contains("ACCESSHUB_API_KEYS is invalid")
            .contains("unknown permission 'tokens:write'");
    }
}
