package io.accesshub.adapter.ghl;

import io.accesshub.application.port.out.SsoPayloads;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.sso.SsoUserContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens HighLevel's custom-page SSO payloads the way CryptoJS's passphrase mode (= OpenSSL {@code enc}) seals them:
 * base64 of {@code "Salted__"} + 8-byte salt + AES-256-CBC ciphertext with PKCS#7 padding, key and IV from
 * EVP_BytesToKey(MD5, one round) over the app's shared secret and the salt.
 *
 * <p>Every way a payload can fail (not base64, no header, truncated, wrong secret, bad padding, not UTF-8, not the
 * documented JSON) ends in the same empty answer, and nothing here logs: no padding oracle, no trace of the payload,
 * the secret or the plaintext.
 */
@Singleton
public final class CryptoJsSsoPayloads implements SsoPayloads {

    /** Longest base64 payload accepted; HighLevel's user contexts are a few hundred characters. */
    static final int MAX_PAYLOAD_CHARS = 16 * 1024;

    private static final byte[] HEADER = "Salted__".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_LENGTH = 8;
    private static final int BLOCK = 16;
    private static final int KEY_LENGTH = 32;

    private final ConfiguredMarketplaceApps apps;
    private final JsonMapper json;

    public CryptoJsSsoPayloads(ConfiguredMarketplaceApps apps, JsonMapper json) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public Set<MarketplaceAppId> appsWithSsoSecret() {
        return apps.appsWithSsoSecret();
    }

    @Override
    public Optional<SsoUserContext> open(MarketplaceAppId app, String payload) {
        Optional<String> secret = apps.ssoSecret(app);
        if (secret.isEmpty() || payload == null) {
            return Optional.empty();
        }
        try {
            return decrypt(secret.get(), payload).flatMap(this::userContext);
        } catch (RuntimeException anyFailure) {
            // Deliberately swallowed without a trace: every failure answers alike.
            return Optional.empty();
        }
    }

    /** The plaintext, or empty when the payload does not open with this secret. */
    static Optional<String> decrypt(String secret, String payload) {
        String trimmed = payload.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_PAYLOAD_CHARS) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int cipherLength = raw.length - HEADER.length - SALT_LENGTH;
        if (cipherLength < BLOCK || cipherLength % BLOCK != 0
                || !Arrays.equals(raw, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            return Optional.empty();
        }
        byte[] salt = Arrays.copyOfRange(raw, HEADER.length, HEADER.length + SALT_LENGTH);
        byte[] keyAndIv = evpBytesToKey(secret.getBytes(StandardCharsets.UTF_8), salt);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndIv, 0, KEY_LENGTH, "AES"),
                new IvParameterSpec(keyAndIv, KEY_LENGTH, BLOCK));
            byte[] plain = cipher.doFinal(raw, HEADER.length + SALT_LENGTH, cipherLength);
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(plain)).toString());
        } catch (GeneralSecurityException | CharacterCodingException failure) {
            return Optional.empty();
        } finally {
            Arrays.fill(keyAndIv, (byte) 0);
        }
    }

    /** OpenSSL's EVP_BytesToKey with MD5 and one round: 32 key bytes followed by 16 IV bytes. */
    static byte[] evpBytesToKey(byte[] password, byte[] salt) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
        byte[] out = new byte[KEY_LENGTH + BLOCK];
        byte[] previous = new byte[0];
        int filled = 0;
        while (filled < out.length) {
            md5.update(previous);
            md5.update(password);
            md5.update(salt);
            previous = md5.digest();
            int n = Math.min(previous.length, out.length - filled);
            System.arraycopy(previous, 0, out, filled, n);
            filled += n;
        }
        return out;
    }

    private Optional<SsoUserContext> userContext(String plaintext) {
        Map<String, Object> map;
        try {
            map = json.readValue(plaintext, Argument.mapOf(String.class, Object.class));
        } catch (java.io.IOException | RuntimeException notJson) {
            return Optional.empty();
        }
        if (map == null) {
            return Optional.empty();
        }
        Optional<String> userId = text(map, "userId");
        Optional<String> companyId = text(map, "companyId");
        Optional<String> role = text(map, "role");
        Optional<String> type = text(map, "type");
        Optional<String> userName = text(map, "userName");
        Optional<String> email = text(map, "email");
        Object location = map.get("activeLocation");
        Object owner = map.get("isAgencyOwner");
        if (userId.isEmpty() || companyId.isEmpty() || role.isEmpty() || type.isEmpty() || userName.isEmpty()
                || email.isEmpty() || location != null && !(location instanceof String)
                || owner != null && !(owner instanceof Boolean)) {
            return Optional.empty();
        }
        return Optional.of(new SsoUserContext(userId.get(), companyId.get(), role.get(), type.get(), userName.get(),
            email.get(), Optional.ofNullable((String) location), Optional.ofNullable((Boolean) owner)));
    }

    private static Optional<String> text(Map<String, Object> map, String field) {
        return map.get(field) instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
