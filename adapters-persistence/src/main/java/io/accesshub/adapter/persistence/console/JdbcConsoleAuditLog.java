package io.accesshub.adapter.persistence.console;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.ConsoleAuditLog;
import io.accesshub.domain.console.ConsoleAction;
import io.accesshub.domain.console.ConsoleAuditEntry;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ConsoleAuditLog} on the {@code console_audit} table (append-only; newest first by id; purged oldest first
 * along {@code ix_console_audit_occurred}).
 */
@Singleton
public class JdbcConsoleAuditLog implements ConsoleAuditLog {

    private final JdbcOperations jdbc;

    JdbcConsoleAuditLog(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void record(ConsoleAuditEntry entry) {
        jdbc.prepareStatement("INSERT INTO console_audit (occurred_at, key_name, action, target, outcome)"
            + " VALUES (?, ?, ?, ?, ?)", ps -> {
                ps.setString(1, DbTime.toColumn(entry.at()));
                ps.setString(2, entry.keyName());
                ps.setString(3, entry.action().name());
                ps.setString(4, entry.target());
                ps.setString(5, entry.outcome());
                return ps.executeUpdate();
            });
    }

    @Override
    @Connectable
    public List<ConsoleAuditEntry> recent(int limit) {
        return jdbc.prepareStatement("SELECT CAST(occurred_at AS CHAR) AS occurred, key_name, action, target, outcome"
            + " FROM console_audit ORDER BY id DESC LIMIT ?", ps -> {
                ps.setInt(1, limit);
                List<ConsoleAuditEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new ConsoleAuditEntry(DbTime.fromColumn(rs.getString("occurred")),
                            rs.getString("key_name"), ConsoleAction.valueOf(rs.getString("action")),
                            rs.getString("target"), rs.getString("outcome")));
                    }
                }
                return entries;
            });
    }

    @Override
    @Transactional
    public int purgeBefore(Instant before, int limit) {
        return jdbc.prepareStatement("DELETE FROM console_audit WHERE occurred_at < ? ORDER BY occurred_at LIMIT ?",
            ps -> {
                ps.setString(1, DbTime.toColumn(before));
                ps.setInt(2, limit);
                return ps.executeUpdate();
            });
    }
}
