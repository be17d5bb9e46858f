package io.accesshub.application.port.out;

import io.accesshub.domain.console.ConsoleSession;
import java.time.Instant;
import java.util.Optional;

/** Console sessions, shared by every instance through the database; found by the hash of their token. */
public interface ConsoleSessionStore {

    /** Stores a new session. */
    void open(ConsoleSession session);

    /** The session with this token hash, if it exists. */
    Optional<ConsoleSession> find(String tokenHash);

    /**
     * Marks the session seen at {@code now} if it was last seen after {@code idleBefore}; false when it is gone or idle
     * (one conditional write, so a session that went idle is never revived by a late request).
     */
    boolean touch(String tokenHash, Instant now, Instant idleBefore);

    /** Deletes the session, if it exists. */
    void close(String tokenHash);

    /** Deletes up to {@code limit} sessions last seen before {@code idleBefore}; returns how many. */
    int purgeIdle(Instant idleBefore, int limit);
}
