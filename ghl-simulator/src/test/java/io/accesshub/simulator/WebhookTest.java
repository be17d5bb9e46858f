package io.accesshub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(byte[] body, String ed25519, String rsa) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() throws Exception {
            return JSON.readValue(body, Map.class);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answersLeftWith429 = new AtomicInteger();
    private HttpServer receiver;
    private GhlSimulator simulator;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/ghl", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answersLeftWith429.getAndDecrement() > 0 ? 429 : 200;
            if (status == 200) {
                received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-GHL-Signature"),
                    exchange.getRequestHeaders().getFirst("X-WH-Signature")));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    private void startSimulator(int locations) {
        simulator = GhlSimulator.start(SimulatorConfig.builder().fastTestProfile().locationCount(locations)
            .webhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/ghl").build());
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        receiver.stop(0);
    }

    private static PublicKey key(String pem, String algorithm) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static boolean verifies(String algorithm, PublicKey key, byte[] body, String signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(body);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    private void installLocation(String locationId) {
        SimulatorConfig c = simulator.config();
        simulator.authorize(AuthorizeRequest.forLocation(c.clientId(), c.redirectUris().get(0), c.scopeString(),
            locationId));
    }

    @Test
    void signaturesVerifyWithPlainJdkApisAndFailOnAOneByteChange() throws Exception {
        startSimulator(3);
        installLocation("sim-loc-0001");
        assertThat(simulator.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

        Received event = received.get(0);
        WebhookKeys keys = simulator.webhookKeys();
        PublicKey ed25519 = key(keys.ed25519Pem(), "Ed25519");
        PublicKey rsa = key(keys.rsaPem(), "RSA");
        byte[] tampered = event.body().clone();
        tampered[tampered.length / 2] ^= 0x01;

        assertThat(event.json()).containsEntry("type", "INSTALL").containsEntry("installType", "Location")
            .containsEntry("locationId", "sim-loc-0001").containsKeys("webhookId", "timestamp", "appId");
        assertThat(verifies("Ed25519", ed25519, event.body(), event.ed25519())).isTrue();
        assertThat(verifies("SHA256withRSA", rsa, event.body(), event.rsa())).isTrue();
        assertThat(verifies("Ed25519", ed25519, tampered, event.ed25519())).isFalse();
        assertThat(verifies("SHA256withRSA", rsa, tampered, event.rsa())).isFalse();
    }

    @Test
    void aBulkInstallEmitsOneInstallPerLocation() throws Exception {
        startSimulator(6);
        SimulatorConfig c = simulator.config();
        List<String> selected = List.of("sim-loc-0001", "sim-loc-0003", "sim-loc-0004", "sim-loc-0006");
        simulator.authorize(AuthorizeRequest.forAgency(c.clientId(), c.redirectUris().get(0), c.scopeString(),
            selected, false));
        assertThat(simulator.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

        List<String> locationInstalls = new ArrayList<>();
        int companyInstalls = 0;
        for (Received r : received) {
            Map<String, Object> json = r.json();
            if ("Location".equals(json.get("installType"))) {
                locationInstalls.add((String) json.get("locationId"));
            } else if ("Company".equals(json.get("installType"))) {
                companyInstalls++;
            }
        }
        assertThat(locationInstalls).containsExactlyInAnyOrderElementsOf(selected);
        assertThat(companyInstalls).isEqualTo(1);
    }

    @Test
    void deliveriesAreRetriedOnlyAfterTooManyRequests() throws Exception {
        startSimulator(3);
        answersLeftWith429.set(1);
        installLocation("sim-loc-0001");
        assertThat(simulator.awaitWebhooks(Duration.ofSeconds(10))).isTrue();
        assertThat(received).isEmpty();

        simulator.clock().advance(Duration.ofMinutes(10));
        assertThat(simulator.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

        assertThat(received).hasSize(1);
        WebhookDelivery delivery = simulator.webhookDeliveries().get(0);
        assertThat(delivery.responseStatuses()).containsExactly(429, 200);
        assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
    }

    @Test
    void aFinalErrorIsNeverRetried() throws Exception {
        startSimulator(3);
        simulator.setWebhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/no-such-path");
        installLocation("sim-loc-0001");
        assertThat(simulator.awaitWebhooks(Duration.ofSeconds(10))).isTrue();
        simulator.clock().advance(Duration.ofHours(2));
        assertThat(simulator.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

        WebhookDelivery delivery = simulator.webhookDeliveries().get(0);
        assertThat(delivery.responseStatuses()).containsExactly(404);
        assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.FAILED);
    }

    @Test
    void deliveriesCanBeDuplicatedAndReordered() throws Exception {
        startSimulator(3);
        simulator.holdWebhooks();
        simulator.webhookOptions(true, Duration.ZERO);
        installLocation("sim-loc-0001");
        simulator.uninstall(simulator.config().companyId(), "sim-loc-0001");
        simulator.releaseWebhooks(true);
        assertThat(simulator.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

        List<String> types = new ArrayList<>();
        for (Received r : received) {
            types.add((String) r.json().get("type"));
        }
        assertThat(types).containsExactly("UNINSTALL", "UNINSTALL", "INSTALL", "INSTALL");
        assertThat(received.get(0).json().get("webhookId")).isEqualTo(received.get(1).json().get("webhookId"));
    }

    @Test
    void aNewLocationUnderAFutureLocationsInstallSendsLocationCreateAndInstall() throws Exception {
        startSimulator(2);
        SimulatorConfig c = simulator.config();
        simulator.authorize(AuthorizeRequest.forAgency(c.clientId(), c.redirectUris().get(0), c.scopeString(),
            List.of(), true));
        assertThat(simulator.awaitWebhooks(Duration.ofSeconds(10))).isTrue();
        received.clear();

        String created = simulator.createLocation("New shop");
        assertThat(simulator.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

        assertThat(received).hasSize(2);
        assertThat(received.get(0).json()).containsEntry("type", "LocationCreate").containsEntry("id", created);
        assertThat(received.get(1).json()).containsEntry("type", "INSTALL").containsEntry("locationId", created);
        assertThat(new String(received.get(0).body(), StandardCharsets.UTF_8)).doesNotContain("access_token");
    }
}
