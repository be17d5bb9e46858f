package io.accesshub.adapter.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two kinds of keyset share one implementation; each keeps its own key template and its own name in messages. */
class KeysetTemplateTest {

    @Test
    void eachKindRotatesOntoItsOwnTemplate() {
        String token = TinkKeysets.withNewPrimary(TinkKeysets.generate());
        String signing = SigningKeysets.withNewPrimary(SigningKeysets.generate());

        assertThat(TinkKeysets.describe(token)).hasSize(2);
        assertThat(TinkTokenCipher.fromJsonKeyset(token).primaryKeyId())
            .isEqualTo(TinkKeysets.describe(token).get(1).id());
        assertThat(TinkKeysets.describe(signing)).hasSize(2);
        assertThat(TinkSignedValues.fromJsonKeyset(signing)).isNotNull();
        assertThatThrownBy(() -> TinkSignedValues.fromJsonKeyset(token)).hasMessageContaining("not an HMAC-SHA256");
        assertThatThrownBy(() -> TinkTokenCipher.fromJsonKeyset(signing)).hasMessageContaining("not an AES-256-GCM");
    }

    @Test
    void messagesNameTheKindAndHoldNoKeyMaterial() {
        String token = TinkKeysets.generate();
        String signing = SigningKeysets.generate();

        assertThatThrownBy(() -> TinkKeysets.without(token, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("token keyset holds no key 1");
        assertThatThrownBy(() -> SigningKeysets.without(signing, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("signing keyset holds no key 1");
        assertThatThrownBy(() -> TinkKeysets.withNewPrimary("{\"key\": []}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("could not rotate the token keyset (");
        assertThatThrownBy(() -> SigningKeysets.withNewPrimary("{\"key\": []}"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("could not rotate the signing keyset (");
    }

    @Test
    void eachKindCreatesItsDemoFileOnceAndOwnerReadable(@TempDir Path directory) throws Exception {
        Path tokenFile = directory.resolve("token").resolve("keyset.json");
        Path signingFile = directory.resolve("signing").resolve("keyset.json");

        String token = TinkKeysets.loadOrCreate(tokenFile);
        String signing = SigningKeysets.loadOrCreate(signingFile);

        assertThat(TinkKeysets.loadOrCreate(tokenFile)).isEqualTo(token).isEqualTo(Files.readString(tokenFile));
        assertThat(SigningKeysets.loadOrCreate(signingFile)).isEqualTo(signing);
        assertThat(TinkTokenCipher.fromJsonKeyset(token)).isNotNull();
        assertThat(TinkSignedValues.fromJsonKeyset(signing)).isNotNull();
        assertThat(Files.getPosixFilePermissions(tokenFile)).extracting(Object::toString)
            .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        try (var left = Files.list(tokenFile.getParent())) {
            assertThat(left).as("no temporary file stays behind").containsExactly(tokenFile);
        }
    }
}
