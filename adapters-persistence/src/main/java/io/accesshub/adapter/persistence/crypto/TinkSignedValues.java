package io.accesshub.adapter.persistence.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.mac.HmacParameters;
import io.accesshub.application.port.out.SignedValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SignedValues} on a Tink MAC keyset of HMAC-SHA256 keys, shared by every instance: the primary key signs,
 * every key of the keyset verifies (Tink's key-id prefix picks it), so the keyset rotates like the token keyset.
 *
 * <p>A token is {@code base64url(expiry ":" value) "." base64url(tag)}, where the tag covers the purpose too (not
 * carried in the token), so a value signed for one purpose is never accepted for another. The value is readable by
 * whoever holds the token: sign identifiers and references, never secrets.
 */
public final class TinkSignedValues implements SignedValues {

    /** Longer tokens are refused unread (a 200-character reference makes a token of about 400). */
    static final int MAX_TOKEN_LENGTH = 4_096;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Mac mac;

    private TinkSignedValues(KeysetHandle keyset) throws GeneralSecurityException {
        for (int i = 0; i < keyset.size(); i++) {
            if (!(keyset.getAt(i).getKey().getParameters() instanceof HmacParameters parameters)
                    || parameters.getHashType() != HmacParameters.HashType.SHA256
                    || parameters.getKeySizeBytes() < 32 || parameters.getCryptographicTagSizeBytes() < 16) {
                throw new IllegalArgumentException("signing keyset entry " + keyset.getAt(i).getId()
                        + " is not an HMAC-SHA256 key of at least 256 bits");
            }
        }
        this.mac = keyset.getPrimitive(RegistryConfiguration.get(), Mac.class);
    }

    /**
     * Builds the signer from a keyset in Tink's JSON format (see {@link SigningKeysets}).
     *
     * @throws IllegalArgumentException when the keyset cannot be parsed or holds other than HMAC-SHA256 keys; the
     *                                  message never contains key material
     */
    public static TinkSignedValues fromJsonKeyset(String keysetJson) {
        Objects.requireNonNull(keysetJson, "keysetJson");
        try {
            SigningKeysets.register();
            return new TinkSignedValues(
                    TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException illegal && illegal.getMessage() != null
                    && illegal.getMessage().startsWith("signing keyset entry")) {
                throw illegal;
            }
            throw new IllegalArgumentException("signing keyset is not a valid Tink JSON keyset ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String sign(String purpose, String value, Instant expiresAt) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(value, "value");
        byte[] payload = (expiresAt.getEpochSecond() + ":" + value).getBytes(StandardCharsets.UTF_8);
        try {
            return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac.computeMac(
                    signedData(purpose, payload)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a value for " + purpose, e);
        }
    }

    @Override
    public Optional<String> verify(String purpose, String token, Instant now) {
        Objects.requireNonNull(purpose, "purpose");
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = canonical(token.substring(0, dot));
            mac.verifyMac(canonical(token.substring(dot + 1)), signedData(purpose, payload));
            String text = new String(payload, StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(text.substring(0, colon)));
            return now.isBefore(expiresAt) ? Optional.of(text.substring(colon + 1)) : Optional.empty();
        } catch (GeneralSecurityException | RuntimeException tamperedOrMalformed) {
            return Optional.empty();
        }
    }

    /** Decodes base64url and refuses any other spelling of the same bytes, so a token has exactly one form. */
    private static byte[] canonical(String encoded) {
        byte[] decoded = DECODER.decode(encoded);
        if (!ENCODER.encodeToString(decoded).equals(encoded)) {
            throw new IllegalArgumentException("not canonical base64url");
        }
        return decoded;
    }

    private static byte[] signedData(String purpose, byte[] payload) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(purpose.length() + 1 + payload.length);
        data.writeBytes(purpose.getBytes(StandardCharsets.UTF_8));
        data.write(0);
        data.writeBytes(payload);
        return data.toByteArray();
    }
}
