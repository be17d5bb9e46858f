package io.accesshub.adapter.persistence.crypto;

import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Creation and rotation of the hub's signing keyset (HMAC-SHA256 with 256-bit tags, Tink's JSON format), which signs
 * install cookies and install handles; for demo mode, operators and tests. See {@link TinkSignedValues}.
 */
public final class SigningKeysets {

    private static final KeysetTemplate SIGNING = new KeysetTemplate("signing", "signing keyset", ".signing-keyset",
            PredefinedMacParameters.HMAC_SHA256_256BITTAG, MacConfig::register, SigningKeysets.class);

    private SigningKeysets() {
    }

    static void register() throws GeneralSecurityException {
        SIGNING.register();
    }

    /** A new keyset holding one fresh HMAC-SHA256 key as primary. */
    public static String generate() {
        return SIGNING.generate();
    }

    /**
     * The given keyset plus a fresh HMAC-SHA256 key that becomes primary; the old keys keep verifying what they
     * signed (an install cookie lives 15 minutes, a handle 24 hours), so they can be removed a day later.
     */
    public static String withNewPrimary(String keysetJson) {
        return SIGNING.withNewPrimary(keysetJson);
    }

    /** The given keyset without the key {@code keyId}, which must not be the primary. */
    public static String without(String keysetJson, long keyId) {
        return SIGNING.without(keysetJson, keyId);
    }

    /**
     * Reads the keyset stored in {@code file}, creating it with a fresh keyset (owner-only permissions where the
     * file system supports them) when it does not exist yet. Meant for demo mode on a developer machine.
     */
    public static String loadOrCreate(Path file) {
        return SIGNING.loadOrCreate(file);
    }
}
