package io.accesshub.adapter.persistence.uninstall;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.UninstallRequests;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.uninstall.UninstallFailure;
import io.accesshub.domain.uninstall.UninstallReason;
import io.accesshub.domain.uninstall.UninstallRequest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link UninstallRequests} on the {@code developer_uninstall} table. Claims lock the row ({@code FOR UPDATE SKIP
 * LOCKED}, so concurrent instances pass over each other's rows) and set a lease on the database clock, moving the
 * next attempt to the lease's end; the background claim reads only due, unleased, unparked rows in
 * {@code next_attempt_at} order ({@code ix_developer_uninstall_parked_due}).
 */
@Singleton
public class JdbcUninstallRequests implements UninstallRequests {

    private static final String COLUMNS = "installation_id, reason, CAST(requested_at AS CHAR) AS requested,"
        + " attempts, CAST(next_attempt_at AS CHAR) AS next_attempt, last_failure, sent, parked";
    private static final String CLAIMABLE = "parked = FALSE AND next_attempt_at <= ?"
        + " AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6))";

    private final JdbcOperations jdbc;

    public JdbcUninstallRequests(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public Optional<UninstallRequest> find(InstallationId installationId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM developer_uninstall WHERE installation_id = ?",
            ps -> {
                ps.setString(1, installationId.toString());
                return readOne(ps.executeQuery());
            });
    }

    @Override
    @Transactional
    public Map<InstallationId, UninstallRequest> findAll(Collection<InstallationId> installationIds) {
        if (installationIds.isEmpty()) {
            return Map.of();
        }
        List<InstallationId> ids = List.copyOf(installationIds);
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM developer_uninstall WHERE installation_id IN ("
            + marks + ")", ps -> {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 1, ids.get(i).toString());
                }
                Map<InstallationId, UninstallRequest> found = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UninstallRequest request = read(rs);
                        found.put(request.installationId(), request);
                    }
                }
                return found;
            });
    }

    @Override
    @Transactional
    public Optional<UninstallRequest> openAndClaim(UninstallRequest request, String owner, Duration lease,
                                                   Instant now) {
        jdbc.prepareStatement("INSERT INTO developer_uninstall (installation_id, reason, requested_at, attempts,"
            + " next_attempt_at, last_failure, sent) VALUES (?, ?, ?, ?, ?, ?, ?)"
            // a repeat revives a parked request (due at once), so that it runs again once the cause is fixed
            + " ON DUPLICATE KEY UPDATE next_attempt_at = IF(parked, VALUES(next_attempt_at), next_attempt_at),"
            + " parked = FALSE", ps -> {
                ps.setString(1, request.installationId().toString());
                ps.setString(2, request.reason().value());
                ps.setString(3, DbTime.toColumn(request.requestedAt()));
                ps.setInt(4, request.attempts());
                ps.setString(5, DbTime.toColumn(request.nextAttemptAt()));
                ps.setString(6, request.lastFailure().map(Enum::name).orElse(null));
                ps.setBoolean(7, request.sent());
                return ps.executeUpdate();
            });
        Optional<UninstallRequest> claimable = jdbc.prepareStatement("SELECT " + COLUMNS + " FROM developer_uninstall"
            + " WHERE installation_id = ? AND " + CLAIMABLE + " FOR UPDATE SKIP LOCKED", ps -> {
                ps.setString(1, request.installationId().toString());
                ps.setString(2, DbTime.toColumn(now));
                return readOne(ps.executeQuery());
            });
        claimable.ifPresent(kept -> lease(kept.installationId(), owner, lease));
        return claimable;
    }

    @Override
    @Transactional
    public Optional<UninstallRequest> claimDue(String owner, Duration lease, Instant now) {
        Optional<UninstallRequest> due = jdbc.prepareStatement("SELECT " + COLUMNS + " FROM developer_uninstall"
            + " WHERE " + CLAIMABLE + " ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED", ps -> {
                ps.setString(1, DbTime.toColumn(now));
                return readOne(ps.executeQuery());
            });
        due.ifPresent(request -> lease(request.installationId(), owner, lease));
        return due;
    }

    private void lease(InstallationId installationId, String owner, Duration lease) {
        // the next attempt moves to the lease's end, so that leased rows do not sit at the head of the due index
        jdbc.prepareStatement("UPDATE developer_uninstall SET lease_owner = ?,"
            + " lease_until = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND), next_attempt_at = lease_until"
            + " WHERE installation_id = ?", ps -> {
                ps.setString(1, owner);
                ps.setLong(2, lease.toNanos() / 1000);
                ps.setString(3, installationId.toString());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public void reschedule(UninstallRequest next, String owner) {
        jdbc.prepareStatement("UPDATE developer_uninstall SET attempts = ?, next_attempt_at = ?, last_failure = ?,"
            + " sent = (sent OR ?), parked = ?, lease_owner = NULL, lease_until = NULL"
            + " WHERE installation_id = ? AND lease_owner = ?",
            ps -> {
                ps.setInt(1, next.attempts());
                ps.setString(2, DbTime.toColumn(next.nextAttemptAt()));
                ps.setString(3, next.lastFailure().map(Enum::name).orElse(null));
                ps.setBoolean(4, next.sent());
                ps.setBoolean(5, next.parked());
                ps.setString(6, next.installationId().toString());
                ps.setString(7, owner);
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public void markSent(InstallationId installationId, String owner) {
        jdbc.prepareStatement("UPDATE developer_uninstall SET sent = TRUE WHERE installation_id = ? AND lease_owner = ?",
            ps -> {
                ps.setString(1, installationId.toString());
                ps.setString(2, owner);
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public void remove(InstallationId installationId) {
        jdbc.prepareStatement("DELETE FROM developer_uninstall WHERE installation_id = ?", ps -> {
            ps.setString(1, installationId.toString());
            return ps.executeUpdate();
        });
    }

    private static Optional<UninstallRequest> readOne(ResultSet rs) throws SQLException {
        try (rs) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static UninstallRequest read(ResultSet rs) throws SQLException {
        return new UninstallRequest(InstallationId.parse(rs.getString("installation_id")),
            new UninstallReason(rs.getString("reason")), DbTime.fromColumn(rs.getString("requested")),
            rs.getInt("attempts"), DbTime.fromColumn(rs.getString("next_attempt")),
            Optional.ofNullable(rs.getString("last_failure")).flatMap(JdbcUninstallRequests::failure),
            rs.getBoolean("sent"), rs.getBoolean("parked"));
    }

    /** A stored failure name; one this version does not know reads as none rather than failing the row. */
    private static Optional<UninstallFailure> failure(String name) {
        try {
            return Optional.of(UninstallFailure.valueOf(name));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
