package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.application.port.in.PurgeHistoryUseCase;
import io.accesshub.application.port.out.DroppedWebhooks;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks fail closed (issue 10, item 4), on the real database with the simulator's signatures: events for apps the
 * hub does not run are dropped, stripped-down lifecycle events are refused, replays stay duplicates after the events
 * are purged, a new location is applied only for its own app's active agency, and bodies at rest are not plaintext.
 */
class WebhookFailClosedTest {

    private HubHarness harness;
    private HubHarness.Hub hub;
    private String appId;

    @BeforeEach
    void start() {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3));
        hub = harness.startHub();
        appId = harness.simulator.config().appId();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private record Delivery(int status, String body) {
    }

    private Delivery post(HubHarness.Hub to, String path, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(to.url(path)))
            .header("Content-Type", "application/json")
            .header("X-GHL-Signature", harness.simulator.ed25519SignatureFor(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = harness.http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Delivery(response.statusCode(), response.body());
    }

    private static String uninstall(String app, String location, String timestampField) {
        return "{\"type\":\"UNINSTALL\",\"appId\":\"" + app + "\",\"locationId\":\"" + location + "\"" + timestampField
            + ",\"webhookId\":\"" + UUID.randomUUID() + "\"}";
    }

    private static String stamped() {
        return ",\"timestamp\":\"" + Instant.now() + "\"";
    }

    private static String locationCreate(String location) {
        return "{\"type\":\"LocationCreate\",\"id\":\"" + location + "\",\"companyId\":\"sim-company-1\","
            + "\"name\":\"New shop\",\"email\":\"owner@example.com\",\"timestamp\":\"" + Instant.now()
            + "\",\"webhookId\":\"" + UUID.randomUUID() + "\"}";
    }

    @Test
    void signedEventsForAnAppThisHubDoesNotRunAreDroppedAndOnlyCounted() throws Exception {
        String contact = "{\"type\":\"ContactCreate\",\"appId\":\"someoneelsesapp0001\",\"locationId\":\"sim-loc-0001\","
            + "\"email\":\"jane@example.com\",\"webhookId\":\"" + UUID.randomUUID() + "\"}";

        Delivery dropped = post(hub, "/webhooks/ghl", contact);
        Delivery strippedUninstall = post(hub, "/webhooks/ghl", uninstall("someoneelsesapp0001", "sim-loc-0001", ""));
        Delivery notAnAppId = post(hub, "/webhooks/ghl", uninstall("not-an-app-id", "sim-loc-0001", stamped()));

        assertThat(List.of(dropped.status(), strippedUninstall.status(), notAnAppId.status())).containsOnly(200);
        assertThat(dropped.body()).contains("dropped");
        assertThat(hub.bean(WebhookInbox.class).count()).as("nothing stored").isZero();
        assertThat(harness.count("SELECT COUNT(*) FROM webhook_receipt")).as("not even the id").isZero();
        assertThat(hub.bean(DroppedWebhooks.class).unknownApp()).isEqualTo(3);
        assertThat(post(hub, "/webhooks/ghl/no-such-app", contact).status()).as("an app's own URL").isEqualTo(404);
        assertThat(post(hub, "/webhooks/ghl/main", contact).status()).isEqualTo(400);
    }

    @Test
    void anUninstallWithoutTimestampIsRefusedUnlessTheRequirementIsSwitchedOff() throws Exception {
        Delivery refused = post(hub, "/webhooks/ghl", uninstall(appId, "sim-loc-0001", ""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("missing_timestamp");
        assertThat(hub.bean(WebhookInbox.class).count()).isZero();

        HubHarness.Hub lenient = harness.startHub(Map.of("accesshub.webhooks.require-timestamp", "false"));
        assertThat(post(lenient, "/webhooks/ghl", uninstall(appId, "sim-loc-0001", "")).status()).isEqualTo(200);
        assertThat(hub.bean(WebhookInbox.class).count()).isEqualTo(1);
    }

    @Test
    void aReplayAfterTheEventWasPurgedIsStillADuplicate() throws Exception {
        String location = harness.seedLocations(hub, 1).get(0).locationId();
        String captured = uninstall(appId, location, stamped());
        assertThat(post(hub, "/webhooks/ghl", captured).status()).isEqualTo(200);
        harness.processWebhooks(hub);
        assertThat(harness.status(hub, location)).isEqualTo("UNINSTALLED");
        harness.sql("UPDATE installation SET status = 'ACTIVE', status_reason = 'GRANT_ISSUED'");
        // eight days later the handled event is past the 7-day retention and purged; its id is remembered (30 days)
        harness.sql("UPDATE webhook_inbox SET received_at = DATE_SUB(received_at, INTERVAL 8 DAY)");
        harness.sql("UPDATE webhook_receipt SET received_at = DATE_SUB(received_at, INTERVAL 8 DAY)");
        hub.bean(PurgeHistoryUseCase.class).purge();
        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox")).as("purged").isZero();

        Delivery replay = post(hub, "/webhooks/ghl", captured);
        harness.processWebhooks(hub);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).contains("duplicate");
        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox")).isZero();
        assertThat(harness.status(hub, location)).as("the replay changed nothing").isEqualTo("ACTIVE");
    }

    @Test
    void theHubRefusesToStartWhenIdsWouldBeForgottenBeforeTheToleranceEnds() {
        assertThatThrownBy(() -> harness.startHub(Map.of("accesshub.webhooks.timestamp-tolerance", "40d")))
            .hasStackTraceContaining("ACCESSHUB_WEBHOOKS_ID_RETENTION")
            .hasStackTraceContaining("longer than the webhook timestamp tolerance");
    }

    @Test
    void aNewLocationIsMintedOnlyForTheAppItArrivedForAndOnlyFromItsActiveAgency() throws Exception {
        HubHarness.Response callback = harness.get(harness.simulator.authorize(AuthorizeRequest.forAgency(
                harness.simulator.config().clientId(), harness.simulator.config().redirectUris().get(0),
                harness.simulator.config().scopeString(), List.of(), true)).redirectUrl()
            .replaceFirst("localhost:\\d+", "127.0.0.1:" + hub.server().getPort()), null);
        assertThat(callback.status()).isEqualTo(200);
        // a second instance runs a second app besides the simulator's ("main", whose agency covers new locations)
        HubHarness.Hub twoApps = harness.startHub(Map.of(
            "accesshub.apps.main.default", "true",
            "accesshub.apps.other.client-id", "otherapp00000000000000001-suffix",
            "accesshub.apps.other.client-secret", "other-secret",
            "accesshub.apps.other.scopes", "locations.readonly oauth.write oauth.readonly",
            "accesshub.apps.other.redirect-uri", "http://localhost:1/oauth/callback"));
        harness.simulator.setWebhookUrl(null);
        String created = harness.simulator.createLocation("New shop");

        assertThat(post(twoApps, "/webhooks/ghl/other", locationCreate(created)).status()).isEqualTo(200);
        harness.processWebhooks(twoApps);
        assertThat(harness.status(twoApps, created)).as("another app's agency is not touched").isEqualTo("NONE");

        harness.sql("UPDATE installation SET status = 'NEEDS_REAUTH' WHERE location_id IS NULL");
        assertThat(post(twoApps, "/webhooks/ghl/main", locationCreate(created)).status()).isEqualTo(200);
        harness.processWebhooks(twoApps);
        assertThat(harness.status(twoApps, created)).as("no active agency install").isEqualTo("NONE");

        harness.sql("UPDATE installation SET status = 'ACTIVE' WHERE location_id IS NULL");
        assertThat(post(twoApps, "/webhooks/ghl/main", locationCreate(created)).status()).isEqualTo(200);
        harness.processWebhooks(twoApps);
        assertThat(harness.status(twoApps, created)).as("its own app's active agency").isEqualTo("ACTIVE");
    }

    @Test
    void bodiesInTheInboxAreNotPlaintext() throws Exception {
        String contact = "{\"type\":\"ContactCreate\",\"appId\":\"" + appId + "\",\"locationId\":\"sim-loc-0001\","
            + "\"email\":\"jane.doe@example.com\",\"phone\":\"+15550100\",\"webhookId\":\"" + UUID.randomUUID() + "\"}";
        assertThat(post(hub, "/webhooks/ghl", contact).status()).isEqualTo(200);
        assertThat(post(hub, "/webhooks/ghl", locationCreate("sim-loc-0099")).status()).isEqualTo(200);

        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox")).isEqualTo(2);
        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox WHERE body IS NOT NULL"
            + " OR CAST(body_ciphertext AS CHAR CHARACTER SET latin1) LIKE '%example.com%'")).isZero();
        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox WHERE body_ciphertext IS NOT NULL"))
            .as("only the event handed to extensions keeps its body, encrypted").isEqualTo(1);

        harness.processWebhooks(hub);
        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox WHERE body_ciphertext IS NOT NULL"))
            .as("dropped once handled").isZero();
    }
}
