package io.accesshub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random webhook key pairs kept in a file: private to the owner, stable per file, different between files. */
class WebhookKeyPairsTest {

    @TempDir
    Path directory;

    @Test
    void eachFileGetsItsOwnRandomKeysThatSurviveAReload() throws Exception {
        Path first = directory.resolve("one/keys.properties");
        Path second = directory.resolve("two/keys.properties");

        WebhookKeyPairs a = WebhookKeyPairs.loadOrCreate(first, 1024);
        WebhookKeyPairs b = WebhookKeyPairs.loadOrCreate(second, 1024);
        WebhookKeyPairs aAgain = WebhookKeyPairs.loadOrCreate(first, 1024);

        assertThat(a.publicKeys().ed25519Pem()).isNotEqualTo(b.publicKeys().ed25519Pem());
        assertThat(a.publicKeys().rsaPem()).isNotEqualTo(b.publicKeys().rsaPem());
        assertThat(aAgain.publicKeys().ed25519Pem()).isEqualTo(a.publicKeys().ed25519Pem());
        assertThat(aAgain.publicKeys().rsaPem()).isEqualTo(a.publicKeys().rsaPem());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-------");
        assertThat(a.publicKeys().ed25519Pem())
            .isNotEqualTo(WebhookKeyPairs.fromSeed(42, 1024).publicKeys().ed25519Pem());
    }

    @Test
    void aSimulatorStartedWithGivenKeysSignsWithThem() throws Exception {
        WebhookKeyPairs pairs = WebhookKeyPairs.loadOrCreate(directory.resolve("keys.properties"), 1024);
        try (GhlSimulator simulator = GhlSimulator.start(SimulatorConfig.defaults().toBuilder().rsaKeySize(1024)
                .build(), pairs)) {
            byte[] body = "{\"type\":\"INSTALL\"}".getBytes(StandardCharsets.UTF_8);
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pairs.ed25519().getPublic());
            verifier.update(body);

            assertThat(verifier.verify(Base64.getDecoder().decode(simulator.ed25519SignatureFor(body)))).isTrue();
            assertThat(simulator.webhookKeys().ed25519Pem()).isEqualTo(pairs.publicKeys().ed25519Pem());
        }
    }
}
