package io.accesshub.adapter.persistence.console;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.ConsoleSessionStore;
import io.accesshub.domain.console.ConsoleSession;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** {@link ConsoleSessionStore} on the {@code console_session} table, by the primary key (the token's hash). */
@Singleton
public class JdbcConsoleSessionStore implements ConsoleSessionStore {

    private final JdbcOperations jdbc;

    JdbcConsoleSessionStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void open(ConsoleSession session) {
        jdbc.prepareStatement("INSERT INTO console_session (session_hash, api_key_id, key_name, created_at, last_seen_at)"
            + " VALUES (?, ?, ?, ?, ?)", ps -> {
                ps.setString(1, session.tokenHash());
                ps.setString(2, session.apiKeyId());
                ps.setString(3, session.keyName());
                ps.setString(4, DbTime.toColumn(session.createdAt()));
                ps.setString(5, DbTime.toColumn(session.lastSeenAt()));
                return ps.executeUpdate();
            });
    }

    @Override
    @Connectable
    public Optional<ConsoleSession> find(String tokenHash) {
        return jdbc.prepareStatement("SELECT api_key_id, key_name, CAST(created_at AS CHAR) AS created,"
            + " CAST(last_seen_at AS CHAR) AS last_seen FROM console_session WHERE session_hash = ?", ps -> {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ConsoleSession(tokenHash, rs.getString("api_key_id"),
                        rs.getString("key_name"), DbTime.fromColumn(rs.getString("created")),
                        DbTime.fromColumn(rs.getString("last_seen"))));
                }
            });
    }

    @Override
    @Transactional
    public boolean touch(String tokenHash, Instant now, Instant idleBefore) {
        return jdbc.prepareStatement("UPDATE console_session SET last_seen_at = GREATEST(last_seen_at, ?)"
            + " WHERE session_hash = ? AND last_seen_at > ?", ps -> {
                ps.setString(1, DbTime.toColumn(now));
                ps.setString(2, tokenHash);
                ps.setString(3, DbTime.toColumn(idleBefore));
                return ps.executeUpdate();
            }) == 1;
    }

    @Override
    @Transactional
    public void close(String tokenHash) {
        jdbc.prepareStatement("DELETE FROM console_session WHERE session_hash = ?", ps -> {
            ps.setString(1, tokenHash);
            return ps.executeUpdate();
        });
    }

    @Override
    @Transactional
    public int purgeIdle(Instant idleBefore, int limit) {
        return jdbc.prepareStatement("DELETE FROM console_session WHERE last_seen_at <= ? ORDER BY last_seen_at"
            + " LIMIT ?", ps -> {
                ps.setString(1, DbTime.toColumn(idleBefore));
                ps.setInt(2, limit);
                return ps.executeUpdate();
            });
    }
}
