package io.accesshub.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes {@code count} distinct INSTALL webhooks signed like the simulator with the default seed signs them, one per
 * line as {@code signature<TAB>body}: the input of the webhook-intake benchmark ({@code bench/webhook-intake.sh}).
 * Usage: {@code SignedWebhookFile <count> <file>}.
 */
public final class SignedWebhookFile {

    private SignedWebhookFile() {
    }

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        SimulatorConfig config = SimulatorConfig.defaults();
        WebhookSigner signer = new WebhookSigner(config.seed(), config.rsaKeySize());
        Ids ids = new Ids(System.nanoTime());
        String now = Instant.now().toString();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                String body = "{\"type\":\"INSTALL\",\"appId\":\"" + config.appId() + "\",\"installType\":\"Location\","
                    + "\"locationId\":\"" + SimulatorConfig.locationId(1 + i % Math.max(1, config.locationCount()))
                    + "\",\"companyId\":\"" + config.companyId() + "\",\"timestamp\":\"" + now + "\",\"webhookId\":\""
                    + ids.uuid() + "\"}";
                out.write(signer.signEd25519(body.getBytes(StandardCharsets.UTF_8)));
                out.write('\t');
                out.write(body);
                out.write('\n');
            }
        }
    }
}
