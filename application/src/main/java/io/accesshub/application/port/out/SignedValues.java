package io.accesshub.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Signs short values with the hub's one MAC keyset, shared by every instance, so that any instance can later check
 * that a value came from the hub, for the same purpose, and has not expired (install cookies, install handles).
 */
public interface SignedValues {

    /**
     * A URL- and cookie-safe token carrying {@code value} for {@code purpose} until {@code expiresAt}; the value is
     * readable by whoever holds the token (signed, not encrypted).
     */
    String sign(String purpose, String value, Instant expiresAt);

    /**
     * The value of {@code token} when this keyset signed it for {@code purpose} and it has not expired at {@code now};
     * empty for a tampered, foreign, malformed or expired token.
     */
    Optional<String> verify(String purpose, String token, Instant now);
}
