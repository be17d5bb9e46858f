package io.accesshub.adapter.persistence.outbox;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.LifecycleHistory;
import io.accesshub.application.port.out.LifecycleOutbox;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.PlanId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Publishes lifecycle events by inserting them into {@code lifecycle_outbox} inside the caller's transaction (an
 * event exists exactly when its change was committed), and lets the dispatcher claim and acknowledge them.
 */
@Singleton
public class JdbcLifecycleOutbox implements InstallationEventPublisher, LifecycleOutbox, LifecycleHistory {

    private final JdbcOperations jdbc;

    public JdbcLifecycleOutbox(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void publish(List<InstallationEvent> events) {
        for (InstallationEvent event : events) {
            jdbc.prepareStatement("INSERT INTO lifecycle_outbox (event_type, installation_id, app_id, company_id,"
                + " location_id, status, reason, occurred_at, plan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, event.type().name());
                    ps.setString(2, event.installationId().toString());
                    ps.setString(3, event.key().appId().value());
                    ps.setString(4, event.key().companyId().value());
                    ps.setString(5, event.key().locationId().map(LocationId::value).orElse(null));
                    ps.setString(6, event.status().name());
                    ps.setString(7, event.reason().name());
                    ps.setString(8, DbTime.toColumn(event.occurredAt()));
                    ps.setString(9, event.plan().map(PlanId::value).orElse(null));
                    return ps.executeUpdate();
                });
        }
    }

    /**
     * Claims nothing while an undelivered event is leased; otherwise reads the oldest events' ids, leases those still
     * free with an update by primary key that stamps this claim's id, and reads what the claim holds. Every update of
     * the table goes by primary key, so row locks are taken in id order and claims and acknowledgements cannot
     * deadlock; each row goes to exactly one claimer (two instances claiming at the same instant may get consecutive
     * batches).
     */
    @Override
    @Transactional
    public List<OutboxEntry> claim(int limit, Duration lease) {
        boolean held = jdbc.prepareStatement("SELECT id FROM lifecycle_outbox WHERE delivered = FALSE"
            + " AND lease_until >= UTC_TIMESTAMP(6) LIMIT 1", ps -> {
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            });
        if (held) {
            return List.of();
        }
        List<Long> oldest = jdbc.prepareStatement("SELECT id FROM lifecycle_outbox WHERE delivered = FALSE"
            + " AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6)) ORDER BY id LIMIT ?", ps -> {
                ps.setInt(1, limit);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            });
        if (oldest.isEmpty()) {
            return List.of();
        }
        String claim = UUID.randomUUID().toString();
        String ids = oldest.stream().map(String::valueOf).collect(Collectors.joining(","));
        // by primary key, like every other update of this table: row locks are always taken in id order
        int claimed = jdbc.prepareStatement("UPDATE lifecycle_outbox SET claim_id = ?,"
            + " lease_until = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND) WHERE id IN (" + ids + ")"
            + " AND delivered = FALSE AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6))", ps -> {
                ps.setString(1, claim);
                ps.setLong(2, lease.toNanos() / 1000);
                return ps.executeUpdate();
            });
        if (claimed == 0) {
            return List.of();
        }
        return jdbc.prepareStatement("SELECT id, event_type, installation_id, app_id, company_id, location_id, status,"
            + " reason, plan_id, attempts, CAST(occurred_at AS CHAR) AS occurred FROM lifecycle_outbox WHERE delivered = FALSE"
            + " AND claim_id = ? ORDER BY id", ps -> {
                ps.setString(1, claim);
                List<OutboxEntry> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new OutboxEntry(rs.getLong("id"), eventOf(rs), rs.getInt("attempts") + 1));
                    }
                }
                return found;
            });
    }

    @Override
    @io.micronaut.data.connection.annotation.Connectable
    public List<InstallationEvent> recent(InstallationId installation, int limit) {
        // ix_lifecycle_outbox_installation (installation_id, id), changelog 013
        return jdbc.prepareStatement("SELECT event_type, installation_id, app_id, company_id, location_id, status,"
            + " reason, plan_id, CAST(occurred_at AS CHAR) AS occurred FROM lifecycle_outbox WHERE installation_id = ?"
            + " ORDER BY id DESC LIMIT ?", ps -> {
                ps.setString(1, installation.toString());
                ps.setInt(2, limit);
                List<InstallationEvent> events = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(eventOf(rs));
                    }
                }
                return events;
            });
    }

    private static InstallationEvent eventOf(ResultSet rs) throws SQLException {
        MarketplaceAppId app = MarketplaceAppId.of(rs.getString("app_id"));
        CompanyId company = CompanyId.of(rs.getString("company_id"));
        Optional<String> location = Optional.ofNullable(rs.getString("location_id"));
        InstallationKey key = location.map(l -> InstallationKey.forLocation(app, company, LocationId.of(l)))
            .orElseGet(() -> InstallationKey.forCompany(app, company));
        return new InstallationEvent(InstallationEventType.valueOf(rs.getString("event_type")),
            InstallationId.parse(rs.getString("installation_id")), key,
            InstallationStatus.valueOf(rs.getString("status")), StateReason.valueOf(rs.getString("reason")),
            DbTime.fromColumn(rs.getString("occurred")), Optional.ofNullable(rs.getString("plan_id")).map(PlanId::of));
    }

    @Override
    @Transactional
    public void delivered(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String ids = entries.stream().map(e -> Long.toString(e.id())).collect(Collectors.joining(","));
        jdbc.prepareStatement("UPDATE lifecycle_outbox SET delivered = TRUE, lease_until = NULL, claim_id = NULL WHERE id IN (" + ids
            + ")", ps -> ps.executeUpdate());
    }

    @Override
    @Transactional
    public void failed(OutboxEntry entry, String failure) {
        jdbc.prepareStatement("UPDATE lifecycle_outbox SET attempts = attempts + 1, last_failure = ? WHERE id = ?",
            ps -> {
                ps.setString(1, failure.length() > 255 ? failure.substring(0, 255) : failure);
                ps.setLong(2, entry.id());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public void release(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String ids = entries.stream().map(e -> Long.toString(e.id())).collect(Collectors.joining(","));
        jdbc.prepareStatement("UPDATE lifecycle_outbox SET lease_until = NULL, claim_id = NULL WHERE delivered = FALSE"
            + " AND id IN (" + ids + ")", ps -> ps.executeUpdate());
    }

    @Override
    @Transactional
    public void park(OutboxEntry entry, String failure) {
        String recorded = failure.length() > 255 ? failure.substring(0, 255) : failure;
        jdbc.prepareStatement("UPDATE lifecycle_outbox SET delivered = TRUE, parked = TRUE, last_failure = ?,"
            + " lease_until = NULL, claim_id = NULL WHERE id = ?", ps -> {
                ps.setString(1, recorded);
                ps.setLong(2, entry.id());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public int purgeDelivered(Duration olderThan, int limit) {
        return jdbc.prepareStatement("DELETE FROM lifecycle_outbox WHERE delivered = TRUE AND parked = FALSE"
            + " AND occurred_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND)"
            + " ORDER BY occurred_at LIMIT ?", ps -> { // ix_lifecycle_outbox_retention, oldest first
                ps.setLong(1, olderThan.toNanos() / 1000);
                ps.setInt(2, limit);
                return ps.executeUpdate();
            });
    }
}
