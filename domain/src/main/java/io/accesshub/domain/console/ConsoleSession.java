package io.accesshub.domain.console;

import io.accesshub.domain.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in console session as the hub stores it: the hash of its token, the API key it was opened with (by id, so
 * the key is checked again on every request) and when it was last used.
 *
 * @param tokenHash  {@link ConsoleSessionToken#hash()}
 * @param apiKeyId   the id of the key that signed in ({@code config:<name>} for a configured key)
 * @param keyName    the key's name, as the audit shows it
 * @param createdAt  when the session was opened
 * @param lastSeenAt when it last served a request
 */
public record ConsoleSession(String tokenHash, String apiKeyId, String keyName, Instant createdAt, Instant lastSeenAt) {

    public ConsoleSession {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(apiKeyId, "apiKeyId");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        DomainException.require(!lastSeenAt.isBefore(createdAt), "a session is not seen before it was opened");
    }

    /** A session opened now. */
    public static ConsoleSession open(ConsoleSessionToken token, String apiKeyId, String keyName, Instant now) {
        return new ConsoleSession(token.hash(), apiKeyId, keyName, now, now);
    }

    /** Whether the session sat unused for the idle timeout or longer at {@code now}: it is over. */
    public boolean isIdleAt(Instant now, Duration idleTimeout) {
        return !lastSeenAt.plus(idleTimeout).isAfter(now);
    }

    /** The last-seen time before which a session counts as idle at {@code now}. */
    public static Instant idleBefore(Instant now, Duration idleTimeout) {
        return now.minus(idleTimeout);
    }
}
