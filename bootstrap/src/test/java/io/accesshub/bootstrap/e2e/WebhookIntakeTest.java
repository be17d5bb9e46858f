package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.SimulatorConfig;
import io.accesshub.simulator.WebhookDelivery;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signature suite and the durable inbox, with the simulator's real signatures and the real database. */
class WebhookIntakeTest {

    private HubHarness harness;
    private HubHarness.Hub hub;
    private WebhookInbox inbox;

    @BeforeEach
    void start() {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(4));
        hub = harness.startHub();
        inbox = hub.bean(WebhookInbox.class);
        harness.simulator.setWebhookUrl(hub.url("/webhooks/ghl"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static byte[] installEvent() {
        return ("{\"type\":\"INSTALL\",\"appId\":\"65f0c0ffee0123456789abcd\",\"installType\":\"Location\","
            + "\"locationId\":\"sim-loc-0001\",\"companyId\":\"sim-company-1\",\"timestamp\":\"" + Instant.now()
            + "\",\"webhookId\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private int post(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url("/webhooks/ghl")))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return harness.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void theSimulatorsSignedDeliveriesAreStoredOnceEvenWhenDuplicated() {
        harness.simulator.webhookOptions(true, Duration.ZERO);
        harness.simulator.authorize(AuthorizeRequest.forLocation(harness.simulator.config().clientId(),
            harness.simulator.config().redirectUris().get(0), harness.simulator.config().scopeString(), "sim-loc-0002"));

        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();

        List<WebhookDelivery> deliveries = harness.simulator.webhookDeliveries();
        assertThat(deliveries).hasSize(2).allSatisfy(d -> assertThat(d.status()).isEqualTo(WebhookDelivery.Status.DELIVERED));
        assertThat(inbox.count()).isEqualTo(1);
    }

    @Test
    void validEd25519IsAcceptedAndEveryForgeryIsRefusedWithoutStoringAnything() throws Exception {
        byte[] body = installEvent();
        String signature = harness.simulator.ed25519SignatureFor(body);
        byte[] tampered = body.clone();
        tampered[10] ^= 0x01;
        byte[] reserialised = new String(body, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        Signature wrongKey = Signature.getInstance("Ed25519");
        wrongKey.initSign(generator.generateKeyPair().getPrivate());
        wrongKey.update(body);
        String forged = Base64.getEncoder().encodeToString(wrongKey.sign());

        assertThat(post(tampered, Map.of("X-GHL-Signature", signature))).as("one byte changed").isEqualTo(401);
        assertThat(post(reserialised, Map.of("X-GHL-Signature", signature))).as("re-serialised JSON").isEqualTo(401);
        assertThat(post(body, Map.of("X-GHL-Signature", forged))).as("wrong key").isEqualTo(401);
        assertThat(post(body, Map.of())).as("no signature").isEqualTo(401);
        assertThat(post(body, Map.of("X-GHL-Signature", "N/A"))).as("N/A").isEqualTo(401);
        assertThat(post(body, Map.of("X-GHL-Signature", "not base64!"))).as("garbage").isEqualTo(401);
        assertThat(inbox.count()).as("nothing stored").isZero();

        assertThat(post(body, Map.of("X-GHL-Signature", signature))).isEqualTo(200);
        assertThat(post(body, Map.of("X-GHL-Signature", signature))).as("duplicate webhookId").isEqualTo(200);
        assertThat(inbox.count()).isEqualTo(1);
    }

    @Test
    void theLegacyRsaSignatureCountsOnlyWhenEnabled() throws Exception {
        byte[] body = installEvent();
        String rsa = harness.simulator.rsaSignatureFor(body);

        assertThat(post(body, Map.of("X-WH-Signature", rsa))).as("RSA off by default").isEqualTo(401);

        HubHarness.Hub rsaHub = harness.startHub(Map.of("accesshub.webhooks.rsa-enabled", "true"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(rsaHub.url("/webhooks/ghl")))
            .header("Content-Type", "application/json").header("X-WH-Signature", rsa)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        assertThat(harness.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void anEventFarOutsideTheTimestampToleranceIsRefused() throws Exception {
        byte[] stale = new String(installEvent(), StandardCharsets.UTF_8)
            .replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"" + Instant.now().minus(Duration.ofDays(1))
                + "\"").getBytes(StandardCharsets.UTF_8);

        assertThat(post(stale, Map.of("X-GHL-Signature", harness.simulator.ed25519SignatureFor(stale)))).isEqualTo(400);
        assertThat(inbox.count()).isZero();
    }

    @Test
    void aValidSignatureOnMalformedJsonIsABadRequest() throws Exception {
        byte[] body = "{\"type\":\"INSTALL\",".getBytes(StandardCharsets.UTF_8);
        byte[] noId = "{\"type\":\"INSTALL\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(post(body, Map.of("X-GHL-Signature", harness.simulator.ed25519SignatureFor(body)))).isEqualTo(400);
        assertThat(post(noId, Map.of("X-GHL-Signature", harness.simulator.ed25519SignatureFor(noId)))).isEqualTo(400);
        assertThat(inbox.count()).isZero();
    }

    @Test
    void whenTheInboxCannotStoreTheAnswerIsTooManyRequestsAndTheRetryIsStoredOnce() throws Exception {
        byte[] body = installEvent();
        Map<String, String> signed = Map.of("X-GHL-Signature", harness.simulator.ed25519SignatureFor(body));
        harness.sql("RENAME TABLE webhook_inbox TO webhook_inbox_unavailable");
        int during;
        try {
            during = post(body, signed);
        } finally {
            harness.sql("RENAME TABLE webhook_inbox_unavailable TO webhook_inbox");
        }

        assertThat(during).isEqualTo(429);
        assertThat(post(body, signed)).isEqualTo(200);
        assertThat(post(body, signed)).isEqualTo(200);
        assertThat(inbox.count()).isEqualTo(1);
    }

    private int postTo(String path, byte[] body, boolean signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path)))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signed) {
            request.header("X-GHL-Signature", harness.simulator.ed25519SignatureFor(body));
        }
        return harness.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void anAppsOwnUrlStoresEventsWithoutAppIdAsThatAppsAndRefusesOtherApps() throws Exception {
        String appId = harness.simulator.config().appId();
        byte[] locationCreate = ("{\"type\":\"LocationCreate\",\"id\":\"sim-loc-0042\",\"companyId\":\"sim-company-1\","
            + "\"name\":\"New shop\",\"webhookId\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] otherApp = ("{\"type\":\"INSTALL\",\"appId\":\"another-app\",\"installType\":\"Location\","
            + "\"locationId\":\"sim-loc-0001\",\"companyId\":\"sim-company-1\",\"webhookId\":\"" + UUID.randomUUID()
            + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(postTo("/webhooks/ghl/main", locationCreate, false)).as("unsigned").isEqualTo(401);
        assertThat(postTo("/webhooks/ghl/no-such-app", locationCreate, true)).isEqualTo(404);
        assertThat(postTo("/webhooks/ghl/main", otherApp, true)).isEqualTo(400);
        assertThat(inbox.count()).as("nothing stored yet").isZero();

        assertThat(postTo("/webhooks/ghl/main", locationCreate, true)).isEqualTo(200);
        assertThat(postTo("/webhooks/ghl/main", installEvent(), true)).as("the app's own id").isEqualTo(200);

        assertThat(inbox.count()).isEqualTo(2);
        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox WHERE event_kind = 'LOCATION_CREATED'"
            + " AND app_id = '" + appId + "' AND location_id = 'sim-loc-0042'")).isEqualTo(1);
    }
}
