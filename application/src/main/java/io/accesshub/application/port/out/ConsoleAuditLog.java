package io.accesshub.application.port.out;

import io.accesshub.domain.console.ConsoleAuditEntry;
import java.time.Instant;
import java.util.List;

/** The audit of console actions, kept in the database (inside the caller's transaction when there is one). */
public interface ConsoleAuditLog {

    /** Appends an entry. */
    void record(ConsoleAuditEntry entry);

    /** The newest entries first, at most {@code limit}. */
    List<ConsoleAuditEntry> recent(int limit);

    /** Deletes up to {@code limit} entries that happened before {@code before}, oldest first; returns how many. */
    int purgeBefore(Instant before, int limit);
}
