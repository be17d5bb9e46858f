package io.accesshub.adapter.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TinkTokenCipherTest {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.secret-access-token-value";
    private static final TokenBinding ACCESS = new TokenBinding("app1", "companyA", "locationX", TokenKind.ACCESS);

    private final String keyset = TinkKeysets.generate();
    private final TinkTokenCipher cipher = TinkTokenCipher.fromJsonKeyset(keyset);

    @Test
    void aTokenDecryptsUnderTheBindingItWasEncryptedWith() {
        EncryptedToken encrypted = cipher.encrypt(TOKEN, ACCESS);

        assertThat(new String(encrypted.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
        assertThat(encrypted.keyId()).isEqualTo(cipher.primaryKeyId());
        assertThat(cipher.decrypt(encrypted.ciphertext(), ACCESS)).isEqualTo(TOKEN);
    }

    @Test
    void aCiphertextMovedToAnotherAppResourceOrKindFailsWithoutRevealingTheToken() {
        byte[] ciphertext = cipher.encrypt(TOKEN, ACCESS).ciphertext();

        for (TokenBinding other : new TokenBinding[] {
                new TokenBinding("app2", "companyA", "locationX", TokenKind.ACCESS),
                new TokenBinding("app1", "companyB", "locationX", TokenKind.ACCESS),
                new TokenBinding("app1", "companyA", "locationY", TokenKind.ACCESS),
                new TokenBinding("app1", "companyA", "", TokenKind.ACCESS),
                new TokenBinding("app1", "companyAlocationX", "", TokenKind.ACCESS),
                new TokenBinding("app1", "companyA", "locationX", TokenKind.REFRESH)}) {
            assertThatThrownBy(() -> cipher.decrypt(ciphertext, other))
                    .isInstanceOf(TokenDecryptionException.class)
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN));
        }
    }

    @Test
    void afterRotationOldCiphertextsStillDecryptAndNewOnesUseTheNewPrimary() {
        EncryptedToken old = cipher.encrypt(TOKEN, ACCESS);
        String rotatedKeyset = TinkKeysets.withNewPrimary(keyset);
        TinkTokenCipher rotated = TinkTokenCipher.fromJsonKeyset(rotatedKeyset);

        assertThat(rotated.primaryKeyId()).isNotEqualTo(cipher.primaryKeyId());
        assertThat(rotated.decrypt(old.ciphertext(), ACCESS)).isEqualTo(TOKEN);
        EncryptedToken fresh = rotated.encrypt(TOKEN, ACCESS);
        assertThat(fresh.keyId()).isEqualTo(rotated.primaryKeyId());

        TinkTokenCipher withoutOldKey =
                TinkTokenCipher.fromJsonKeyset(TinkKeysets.without(rotatedKeyset, cipher.primaryKeyId()));
        assertThat(withoutOldKey.decrypt(fresh.ciphertext(), ACCESS)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> withoutOldKey.decrypt(old.ciphertext(), ACCESS))
                .isInstanceOf(TokenDecryptionException.class);
    }

    @Test
    void anInvalidKeysetIsRefusedWithoutEchoingIt() {
        String broken = keyset.substring(0, keyset.length() / 2);

        assertThatThrownBy(() -> TinkTokenCipher.fromJsonKeyset(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(broken.substring(0, 20)));
    }

    @Test
    void aKeysetWithOtherThanAes256GcmKeysIsRefused() throws Exception {
        com.google.crypto.tink.aead.AeadConfig.register();
        String aes128 = com.google.crypto.tink.TinkJsonProtoKeysetFormat.serializeKeyset(
                com.google.crypto.tink.KeysetHandle.generateNew(
                        com.google.crypto.tink.aead.PredefinedAeadParameters.AES128_GCM),
                com.google.crypto.tink.InsecureSecretKeyAccess.get());

        assertThatThrownBy(() -> TinkTokenCipher.fromJsonKeyset(aes128))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AES-256-GCM");
    }
}
