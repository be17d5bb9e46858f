package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** A HighLevel refresh token: single use, lives up to a year; {@link #toString()} never shows the value. */
public record RefreshToken(String value) {

    public RefreshToken {
        Objects.requireNonNull(value, "value");
        DomainException.require(!value.isBlank(), "refresh token must not be blank");
    }

    public static RefreshToken of(String value) {
        return new RefreshToken(value);
    }

    /**
     * A stable fingerprint of the token (SHA-256, hex): stored beside the encrypted pair so that a completion can
     * check, without decrypting, that the refresh token it presented is still the stored one. The token is a
     * high-entropy secret, so the fingerprint reveals nothing usable.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "RefreshToken[redacted]";
    }
}
