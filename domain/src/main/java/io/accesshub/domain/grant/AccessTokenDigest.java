package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SHA-256 of an access token, as a service that saw HighLevel reject the token reports it: it names one token
 * without carrying it, and whether it names the grant's current token is decided by {@link #matches(AccessToken)}.
 *
 * @param hex 64 lowercase hex digits
 */
public record AccessTokenDigest(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public AccessTokenDigest {
        Objects.requireNonNull(hex, "hex");
        DomainException.require(HEX.matcher(hex).matches(), "a token digest is 64 hex digits (SHA-256)");
    }

    /** The digest a caller sent (64 hex digits, either case); empty for anything else. */
    public static Optional<AccessTokenDigest> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return HEX.matcher(lower).matches() ? Optional.of(new AccessTokenDigest(lower)) : Optional.empty();
    }

    /** The digest of {@code token}: SHA-256 over its UTF-8 bytes. */
    public static AccessTokenDigest of(AccessToken token) {
        Objects.requireNonNull(token, "token");
        return new AccessTokenDigest(HexFormat.of().formatHex(sha256(token)));
    }

    /**
     * Whether this digest names {@code token}. The comparison takes the same time wherever the digests differ, so
     * that answers reveal nothing about the current token's digest.
     */
    public boolean matches(AccessToken token) {
        Objects.requireNonNull(token, "token");
        return MessageDigest.isEqual(HexFormat.of().parseHex(hex), sha256(token));
    }

    private static byte[] sha256(AccessToken token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.value().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
