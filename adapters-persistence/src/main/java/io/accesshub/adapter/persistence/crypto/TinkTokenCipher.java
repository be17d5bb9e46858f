package io.accesshub.adapter.persistence.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * {@link TokenCipher} on a Tink AEAD keyset of AES-256-GCM keys: the primary key encrypts, every key of the keyset
 * decrypts, so keys can be rotated by adding a new primary and removed once no row uses them.
 */
public final class TinkTokenCipher implements TokenCipher {

    private final Aead aead;
    private final long primaryKeyId;

    private TinkTokenCipher(KeysetHandle keyset) throws GeneralSecurityException {
        for (int i = 0; i < keyset.size(); i++) {
            if (!(keyset.getAt(i).getKey().getParameters() instanceof AesGcmParameters parameters)
                    || parameters.getKeySizeBytes() != 32) {
                throw new IllegalArgumentException("token keyset entry " + keyset.getAt(i).getId()
                        + " is not an AES-256-GCM key");
            }
        }
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.primaryKeyId = Integer.toUnsignedLong(keyset.getPrimary().getId());
    }

    /**
     * Builds a cipher from a keyset in Tink's JSON format (see {@link TinkKeysets}).
     *
     * @throws IllegalArgumentException when the keyset cannot be parsed or holds other than AES-256-GCM keys; the
     *                                  message never contains key material
     */
    public static TinkTokenCipher fromJsonKeyset(String keysetJson) {
        Objects.requireNonNull(keysetJson, "keysetJson");
        try {
            TinkKeysets.register();
            return new TinkTokenCipher(
                    TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException illegal && illegal.getMessage() != null
                    && illegal.getMessage().startsWith("token keyset entry")) {
                throw illegal;
            }
            throw new IllegalArgumentException("token encryption keyset is not a valid Tink JSON keyset ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public EncryptedToken encrypt(String plaintext, TokenBinding binding) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(binding, "binding");
        try {
            return new EncryptedToken(
                    aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), binding.associatedData()),
                    primaryKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a " + binding + " token", e);
        }
    }

    @Override
    public String decrypt(byte[] ciphertext, TokenBinding binding) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(binding, "binding");
        try {
            return new String(aead.decrypt(ciphertext, binding.associatedData()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new TokenDecryptionException(binding, e);
        }
    }

    @Override
    public long primaryKeyId() {
        return primaryKeyId;
    }
}
