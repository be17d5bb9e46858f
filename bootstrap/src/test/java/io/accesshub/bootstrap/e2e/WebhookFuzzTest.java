package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 10,000 random and mutated webhook requests (bodies, signatures, headers; some validly signed garbage to reach the
 * parser) must all be answered 4xx — never 5xx — and change nothing. Seeded, so a failure reproduces.
 */
class WebhookFuzzTest {

    private HubHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void tenThousandHostileRequestsYieldOnlyClientErrorsAndNoStateChange() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        HubHarness.Hub hub = harness.startHub();
        WebhookInbox inbox = hub.bean(WebhookInbox.class);
        Random random = new Random(20261122L);
        byte[] valid = ("{\"type\":\"INSTALL\",\"appId\":\"65f0c0ffee0123456789abcd\",\"installType\":\"Location\","
            + "\"locationId\":\"sim-loc-0001\",\"companyId\":\"sim-company-1\",\"webhookId\":\"fuzz\"}")
            .getBytes(StandardCharsets.UTF_8);
        String validSignature = harness.simulator.ed25519SignatureFor(valid);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();

        for (int i = 0; i < 10_000; i++) {
            byte[] body = mutate(valid, random);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url("/webhooks/ghl")))
                .header("Content-Type", random.nextInt(4) == 0 ? "text/plain" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            switch (random.nextInt(7)) {
                case 0 -> request.header("X-GHL-Signature", validSignature);
                case 1 -> request.header("X-GHL-Signature", randomBase64(random, 64));
                case 2 -> request.header("X-GHL-Signature", "N/A");
                case 3 -> request.header("X-WH-Signature", randomBase64(random, 512));
                case 4 -> request.header("X-GHL-Signature", randomBase64(random, 1 + random.nextInt(100)) + "%");
                case 5 -> {
                    // validly signed garbage: exercises the JSON parser behind the signature check
                    byte[] garbage = new byte[1 + random.nextInt(200)];
                    random.nextBytes(garbage);
                    request = HttpRequest.newBuilder(URI.create(hub.url("/webhooks/ghl")))
                        .header("Content-Type", "application/json")
                        .header("X-GHL-Signature", harness.simulator.ed25519SignatureFor(garbage))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(garbage));
                }
                default -> {
                    // no signature at all
                }
            }
            batch.add(harness.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
            if (batch.size() == 32) {
                drain(batch, statuses);
            }
        }
        drain(batch, statuses);

        assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
        assertThat(statuses.keySet()).as("statuses seen: " + statuses).allSatisfy(s -> assertThat(s).isBetween(400, 499));
        assertThat(inbox.count()).as("no state change").isZero();
    }

    private static void drain(List<CompletableFuture<HttpResponse<String>>> batch, Map<Integer, Integer> statuses) {
        for (CompletableFuture<HttpResponse<String>> f : batch) {
            statuses.merge(f.join().statusCode(), 1, Integer::sum);
        }
        batch.clear();
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] body;
        switch (random.nextInt(5)) {
            case 0 -> {
                body = valid.clone();
                body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
            }
            case 1 -> body = java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            case 2 -> {
                body = new byte[random.nextInt(2048)];
                random.nextBytes(body);
            }
            case 3 -> body = new String(valid, StandardCharsets.UTF_8).replace("\"", "'").getBytes(StandardCharsets.UTF_8);
            default -> body = (new String(valid, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        }
        return java.util.Arrays.equals(body, valid) ? new byte[0] : body;
    }

    private static String randomBase64(Random random, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
