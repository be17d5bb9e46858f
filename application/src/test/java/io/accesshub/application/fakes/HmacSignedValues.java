package io.accesshub.application.fakes;

import io.accesshub.application.port.out.SignedValues;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@link SignedValues} with a JDK HMAC-SHA256 and a random key per instance (a keyset of its own). */
public final class HmacSignedValues implements SignedValues {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key = new byte[32];

    public HmacSignedValues() {
        new SecureRandom().nextBytes(key);
    }

    @Override
    public String sign(String purpose, String value, Instant expiresAt) {
        byte[] payload = (expiresAt.getEpochSecond() + ":" + value).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(purpose, payload));
    }

    @Override
    public Optional<String> verify(String purpose, String token, Instant now) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] tag = DECODER.decode(token.substring(dot + 1));
            if (!token.equals(ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(tag))) {
                return Optional.empty();
            }
            if (!MessageDigest.isEqual(tag, mac(purpose, payload))) {
                return Optional.empty();
            }
            String text = new String(payload, StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (!now.isBefore(Instant.ofEpochSecond(Long.parseLong(text.substring(0, colon))))) {
                return Optional.empty();
            }
            return Optional.of(text.substring(colon + 1));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String purpose, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
