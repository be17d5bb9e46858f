package io.accesshub.adapter.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
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
    void messagesNameTheKind() {
        String notAKeyset = "{\"key\": []}";

        assertThatIllegalArgumentException().isThrownBy(() -> TinkKeysets.without(TinkKeysets.generate(), 1))
            .withMessage("token keyset holds no key 1");
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeysets.without(SigningKeysets.generate(), 1))
            .withMessage("signing keyset holds no key 1");
        assertThatIllegalArgumentException().isThrownBy(() -> TinkKeysets.withNewPrimary(notAKeyset))
            .withMessageStartingWith("could not rotate the token keyset (");
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeysets.withNewPrimary(notAKeyset))
            .withMessageStartingWith("could not rotate the signing keyset (");
    }

    /** The signing kind's file is covered by {@code TinkSignedValuesTest}; this is the token kind's. */
    @Test
    void theTokenKindCreatesItsDemoFileOnceOwnerReadableWithoutLeftovers(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("data").resolve("demo-keyset.json");

        String created = TinkKeysets.loadOrCreate(file);

        assertThat(TinkKeysets.loadOrCreate(file)).isEqualTo(created).isEqualTo(Files.readString(file));
        assertThat(TinkTokenCipher.fromJsonKeyset(created)).isNotNull();
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
            .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries).as("no temporary file stays behind").containsExactly(file);
        }
    }
}
