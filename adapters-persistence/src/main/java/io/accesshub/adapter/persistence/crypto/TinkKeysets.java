package io.accesshub.adapter.persistence.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AeadKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/** Creation and rotation of AES-256-GCM token keysets in Tink's JSON format, for demo mode, operators and tests. */
public final class TinkKeysets {

    private static final KeysetTemplate TOKEN = new KeysetTemplate("token", "token encryption keyset", ".keyset",
            PredefinedAeadParameters.AES256_GCM, AeadConfig::register, TinkKeysets.class);

    private TinkKeysets() {
    }

    static void register() throws GeneralSecurityException {
        TOKEN.register();
    }

    /** A new keyset holding one fresh AES-256-GCM key as primary. */
    public static String generate() {
        return TOKEN.generate();
    }

    /** The given keyset plus a fresh AES-256-GCM key that becomes primary; the old keys stay for decryption. */
    public static String withNewPrimary(String keysetJson) {
        return TOKEN.withNewPrimary(keysetJson);
    }

    /** The given keyset without the key {@code keyId}, which must not be the primary. */
    public static String without(String keysetJson, long keyId) {
        return TOKEN.without(keysetJson, keyId);
    }

    /** One key of a keyset, without its material: what an operator needs to rotate and retire keys. */
    public record KeyInfo(long id, boolean primary, String status, byte[] ciphertextPrefix) {

        public KeyInfo {
            ciphertextPrefix = ciphertextPrefix.clone();
        }

        /** The bytes every ciphertext of this key starts with (Tink's 5-byte prefix); empty for a RAW key. */
        @Override
        public byte[] ciphertextPrefix() {
            return ciphertextPrefix.clone();
        }
    }

    /** The keys of a keyset, in keyset order; nothing secret. */
    public static List<KeyInfo> describe(String keysetJson) {
        try {
            register();
            KeysetHandle keyset = KeysetTemplate.parse(keysetJson);
            List<KeyInfo> keys = new ArrayList<>();
            for (int i = 0; i < keyset.size(); i++) {
                KeysetHandle.Entry entry = keyset.getAt(i);
                byte[] prefix = entry.getKey() instanceof AeadKey aead ? aead.getOutputPrefix().toByteArray()
                        : new byte[0];
                keys.add(new KeyInfo(Integer.toUnsignedLong(entry.getId()), entry.isPrimary(),
                        entry.getStatus().toString(), prefix));
            }
            return List.copyOf(keys);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid Tink JSON keyset (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Reads the keyset stored in {@code file}, creating it with a fresh keyset (owner-only permissions where the
     * file system supports them) when it does not exist yet. Meant for demo mode on a developer machine.
     */
    public static String loadOrCreate(Path file) {
        return TOKEN.loadOrCreate(file);
    }
}
