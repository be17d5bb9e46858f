package io.accesshub.adapter.persistence.console;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.FleetStatistics;
import io.accesshub.domain.fleet.FleetSnapshot;
import io.accesshub.domain.installation.InstallationStatus;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link FleetStatistics} with a few {@code COUNT} queries on the database clock: installations grouped by app and
 * status, grants by refresh health (one pass over {@code token_grant} joined to its installation), and the queues.
 * The inbox and outbox counts use their status indexes.
 */
@Singleton
public class JdbcFleetStatistics implements FleetStatistics {

    private final JdbcOperations jdbc;

    JdbcFleetStatistics(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Connectable
    public FleetSnapshot read() {
        Instant now = DbTime.fromColumn(single("SELECT CAST(UTC_TIMESTAMP(6) AS CHAR)"));
        List<FleetSnapshot.StatusCount> installations = jdbc.prepareStatement(
            "SELECT app_id, status, COUNT(*) AS n FROM installation GROUP BY app_id, status ORDER BY app_id, status",
            ps -> {
                List<FleetSnapshot.StatusCount> counts = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.add(new FleetSnapshot.StatusCount(rs.getString("app_id"),
                            InstallationStatus.valueOf(rs.getString("status")), rs.getLong("n")));
                    }
                }
                return counts;
            });
        long[] grants = new long[3];
        String[] next = new String[1];
        jdbc.prepareStatement("SELECT"
            + " COALESCE(SUM(i.status = 'ACTIVE' AND g.access_token_expires_at < ?), 0) AS overdue,"
            + " COALESCE(SUM(g.consecutive_failures > 0 AND i.status <> 'UNINSTALLED'), 0) AS failing,"
            + " COALESCE(SUM(g.next_refresh_at <= ?), 0) AS due,"
            + " CAST(MIN(g.next_refresh_at) AS CHAR) AS next_at"
            + " FROM token_grant g JOIN installation i ON i.id = g.installation_id", ps -> {
                ps.setString(1, DbTime.toColumn(now));
                ps.setString(2, DbTime.toColumn(now));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        grants[0] = rs.getLong("overdue");
                        grants[1] = rs.getLong("failing");
                        grants[2] = rs.getLong("due");
                        next[0] = rs.getString("next_at");
                    }
                }
                return null;
            });
        return new FleetSnapshot(now, installations, grants[0], grants[1], grants[2],
            Optional.ofNullable(next[0]).map(DbTime::fromColumn),
            count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'PENDING'"),
            count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'DEAD'"),
            count("SELECT COUNT(*) FROM location_provisioning WHERE status = 'PENDING'"),
            count("SELECT COUNT(*) FROM lifecycle_outbox WHERE delivered = TRUE AND parked = TRUE"));
    }

    private long count(String sql) {
        return jdbc.prepareStatement(sql, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private String single(String sql) {
        return jdbc.prepareStatement(sql, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
