package io.accesshub.application.port.out;

import io.accesshub.domain.console.ConsoleAuditEntry;
import java.util.List;

/** The audit of console actions, kept in the database (inside the caller's transaction when there is one). */
public interface ConsoleAuditLog {

    /** Appends an entry. */
    void record(ConsoleAuditEntry entry);

    /** The newest entries first, at most {@code limit}. */
    List<ConsoleAuditEntry> recent(int limit);
}
