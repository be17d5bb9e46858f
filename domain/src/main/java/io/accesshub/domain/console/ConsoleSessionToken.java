package io.accesshub.domain.console;

import io.accesshub.domain.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The secret a browser holds for a console session (in an HttpOnly cookie). The hub stores only {@link #hash()}; the
 * session's CSRF token is derived from the secret ({@link #csrfToken()}), so it needs no storage, differs from the
 * stored hash, and cannot be computed by anyone who does not hold the cookie. Never printed.
 *
 * @param value at least 32 characters of a random, URL-safe value
 */
public record ConsoleSessionToken(String value) {

    /** Shortest accepted value: 32 base64url characters carry 192 bits. */
    public static final int MIN_LENGTH = 32;
    private static final int MAX_LENGTH = 128;

    public ConsoleSessionToken {
        Objects.requireNonNull(value, "value");
        DomainException.require(value.length() >= MIN_LENGTH && value.length() <= MAX_LENGTH
            && value.chars().allMatch(ConsoleSessionToken::isUrlSafe), "a console session token is 32 to 128 "
            + "URL-safe characters");
    }

    /** The token a browser presented, if it has the shape of one. */
    public static java.util.Optional<ConsoleSessionToken> parse(String presented) {
        if (presented == null || presented.length() < MIN_LENGTH || presented.length() > MAX_LENGTH
            || !presented.chars().allMatch(ConsoleSessionToken::isUrlSafe)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ConsoleSessionToken(presented));
    }

    /** What the hub stores to find the session: SHA-256 of the value, lower-case hex. */
    public String hash() {
        return HexFormat.of().formatHex(sha256("console-session:" + value));
    }

    /** The session's synchronizer token, carried in a hidden field of every form that changes something. */
    public String csrfToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("console-csrf:" + value));
    }

    /** Whether a form's token is this session's CSRF token (compared in constant time). */
    public boolean acceptsCsrf(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken().getBytes(StandardCharsets.US_ASCII),
            presented.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isUrlSafe(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ConsoleSessionToken[redacted]";
    }
}
