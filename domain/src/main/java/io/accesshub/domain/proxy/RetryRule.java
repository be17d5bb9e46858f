package io.accesshub.domain.proxy;

import java.util.Locale;

/**
 * Which product calls the hub may repeat on its own after HighLevel rejected the token (401): only idempotent
 * methods (RFC 9110 9.2.2), whose repetition cannot change the outcome; the caller repeats the others.
 */
public final class RetryRule {

    private RetryRule() {
    }

    /** Whether {@code method} may be repeated by the hub. */
    public static boolean mayRepeat(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS", "PUT", "DELETE" -> true;
            default -> false;
        };
    }
}
