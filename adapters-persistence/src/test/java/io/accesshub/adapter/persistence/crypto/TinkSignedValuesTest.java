package io.accesshub.adapter.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.application.port.out.SignedValues;
import io.accesshub.application.port.out.SignedValuesContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing contract on Tink, plus what the keyset itself must do (rotation, wrong key types, demo files). */
class TinkSignedValuesTest extends SignedValuesContract {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Override
    protected SignedValues newSigner() {
        return TinkSignedValues.fromJsonKeyset(SigningKeysets.generate());
    }

    @Test
    void afterARotationOldValuesStillVerifyUntilTheirKeyIsRemoved() throws Exception {
        String keyset = SigningKeysets.generate();
        String signedBefore = TinkSignedValues.fromJsonKeyset(keyset).sign("install-handle", "v", NOW.plusSeconds(60));
        String rotated = SigningKeysets.withNewPrimary(keyset);
        TinkSignedValues afterRotation = TinkSignedValues.fromJsonKeyset(rotated);

        assertThat(afterRotation.verify("install-handle", signedBefore, NOW)).hasValue("v");
        String signedAfter = afterRotation.sign("install-handle", "w", NOW.plusSeconds(60));
        long oldKey = com.google.crypto.tink.TinkJsonProtoKeysetFormat.parseKeyset(keyset,
            com.google.crypto.tink.InsecureSecretKeyAccess.get()).getPrimary().getId() & 0xffffffffL;
        TinkSignedValues retired = TinkSignedValues.fromJsonKeyset(SigningKeysets.without(rotated, oldKey));
        assertThat(retired.verify("install-handle", signedBefore, NOW)).isEmpty();
        assertThat(retired.verify("install-handle", signedAfter, NOW)).hasValue("w");
    }

    @Test
    void aTokenEncryptionKeysetIsNotASigningKeysetAndTheMessageHoldsNoKeyMaterial() {
        String aead = TinkKeysets.generate();

        assertThatThrownBy(() -> TinkSignedValues.fromJsonKeyset(aead))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not an HMAC-SHA256 key")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("value"));
        assertThatThrownBy(() -> TinkSignedValues.fromJsonKeyset("{not json"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a valid Tink JSON keyset");
    }

    @Test
    void theDemoKeysetFileIsCreatedOnceOwnerReadableAndReusedAfterwards(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("data").resolve("demo-signing-keyset.json");

        String created = SigningKeysets.loadOrCreate(file);
        String signed = TinkSignedValues.fromJsonKeyset(created).sign("p", "v", NOW.plusSeconds(60));

        assertThat(SigningKeysets.loadOrCreate(file)).isEqualTo(created);
        assertThat(TinkSignedValues.fromJsonKeyset(Files.readString(file)).verify("p", signed, NOW)).hasValue("v");
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
            .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }
}
