package io.accesshub.domain.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How the hub remembers an API key: its SHA-256 as lower-case hex; keys carry 256 random bits, so no salt is needed. */
public final class ApiKeyHash {

    private ApiKeyHash() {
    }

    /** SHA-256 of a key as lower-case hex: what the hub stores and what an operator configures. */
    public static String of(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
