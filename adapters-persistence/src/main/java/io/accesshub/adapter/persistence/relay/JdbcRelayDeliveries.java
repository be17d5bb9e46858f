package io.accesshub.adapter.persistence.relay;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.RelayDeliveries;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.relay.AttemptResult;
import io.accesshub.domain.relay.DeliveryDecision;
import io.accesshub.domain.relay.DeliveryState;
import io.accesshub.domain.relay.RelayDelivery;
import io.accesshub.domain.relay.RelayEventType;
import io.accesshub.domain.relay.RelayMessage;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.domain.relay.SubscriptionState;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link RelayDeliveries} on the {@code relay_delivery} and {@code relay_attempt} tables. A message is queued only
 * for subscriptions that exist when it is queued (a subscription deleted meanwhile is skipped, not an error). Claims
 * lock the due rows ({@code FOR UPDATE SKIP LOCKED}, so concurrent instances pass over each other's rows) and lease
 * them on the database clock; a pending delivery is claimable only while no older pending delivery of its
 * installation to the same subscription exists, leased or not ({@code ix_relay_delivery_order}), which sends each
 * installation's events one at a time and in order.
 */
@Singleton
public class JdbcRelayDeliveries implements RelayDeliveries {

    private static final String PENDING = DeliveryState.PENDING.name();
    private static final String COLUMNS = "id, subscription_id, sequence, installation_id, event_type, body, state,"
        + " attempts, CAST(first_attempt_at AS CHAR) AS first_attempt, CAST(next_attempt_at AS CHAR) AS next_attempt,"
        + " CAST(created_at AS CHAR) AS created";

    private final JdbcOperations jdbc;

    public JdbcRelayDeliveries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void enqueue(List<QueuedMessage> messages, Instant now) {
        if (messages.stream().allMatch(m -> m.subscriptions().isEmpty())) {
            return;
        }
        String at = DbTime.toColumn(now);
        // reading the subscription row skips a subscription deleted meanwhile (and waits for a deletion in progress);
        // the unique (subscription_id, sequence) makes a message handed over again a no-op
        jdbc.prepareStatement("INSERT INTO relay_delivery (subscription_id, sequence, installation_id, event_type,"
            + " body, state, attempts, next_attempt_at, created_at) SELECT s.id, ?, ?, ?, ?, ?, 0, ?, ?"
            + " FROM relay_subscription s WHERE s.id = ?"
            + " ON DUPLICATE KEY UPDATE sequence = relay_delivery.sequence", ps -> {
                for (QueuedMessage queued : messages) {
                    RelayMessage message = queued.message();
                    for (SubscriptionId subscription : queued.subscriptions()) {
                        ps.setLong(1, message.sequence());
                        ps.setString(2, message.event().installationId().toString());
                        ps.setString(3, message.type().name());
                        ps.setString(4, queued.body());
                        ps.setString(5, PENDING);
                        ps.setString(6, at);
                        ps.setString(7, at);
                        ps.setString(8, subscription.toString());
                        ps.addBatch();
                    }
                }
                return ps.executeBatch();
            });
    }

    @Override
    @Transactional
    public List<RelayDelivery> claimDue(SubscriptionId subscription, int limit, String owner, Duration lease,
                                        Instant now) {
        if (limit < 1 || !lockIfActive(subscription)) {
            return List.of();
        }
        // Read in the due index's own order (next_attempt_at, then the primary key InnoDB appends), so the scan stops
        // after `limit` heads instead of sorting every pending row. A row is a head when no older delivery of its
        // installation is pending here (one probe of the order index, forced: the optimizer otherwise may
        // range-scan the unique (subscription_id, sequence) key for every row, seconds per claim with thousands
        // pending) and no older event of its installation is still undelivered in the outbox (another instance may
        // be queueing it right now: two dispatchers can hold consecutive outbox batches at once).
        List<Long> due = jdbc.prepareStatement("SELECT d.id FROM relay_delivery d FORCE INDEX (ix_relay_delivery_due)"
            + " WHERE d.subscription_id = ? AND d.state = ? AND d.next_attempt_at <= ?"
            + " AND (d.lease_until IS NULL OR d.lease_until < UTC_TIMESTAMP(6))"
            + " AND NOT EXISTS (SELECT 1 FROM relay_delivery o FORCE INDEX (ix_relay_delivery_order)"
            + " WHERE o.subscription_id = d.subscription_id AND o.installation_id = d.installation_id AND o.state = ?"
            + " AND o.sequence < d.sequence)"
            + " AND NOT EXISTS (SELECT 1 FROM lifecycle_outbox x FORCE INDEX (ix_lifecycle_outbox_installation)"
            + " WHERE x.installation_id = d.installation_id AND x.id < d.sequence AND x.delivered = FALSE)"
            + " ORDER BY d.next_attempt_at, d.id LIMIT ? FOR UPDATE SKIP LOCKED", ps -> {
                ps.setString(1, subscription.toString());
                ps.setString(2, PENDING);
                ps.setString(3, DbTime.toColumn(now));
                ps.setString(4, PENDING);
                ps.setInt(5, limit);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            });
        if (due.isEmpty()) {
            return List.of();
        }
        String ids = due.stream().map(String::valueOf).collect(Collectors.joining(","));
        jdbc.prepareStatement("UPDATE relay_delivery SET lease_owner = ?,"
            + " lease_until = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND) WHERE id IN (" + ids + ")", ps -> {
                ps.setString(1, owner);
                ps.setLong(2, lease.toNanos() / 1000);
                return ps.executeUpdate();
            });
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM relay_delivery WHERE id IN (" + ids + ")"
            + " ORDER BY next_attempt_at, id", ps -> readAll(ps.executeQuery()));
    }

    /**
     * Whether the subscription is active, locking its row until the claim commits: claims of one subscription are
     * serialised across instances (each sees the others' committed leases, whatever the server does with locks in
     * the head check's subquery), and a pause waits for a claim in progress and is seen by every later one.
     */
    private boolean lockIfActive(SubscriptionId subscription) {
        return jdbc.prepareStatement("SELECT 1 FROM relay_subscription WHERE id = ? AND state = ? FOR UPDATE", ps -> {
            ps.setString(1, subscription.toString());
            ps.setString(2, SubscriptionState.ACTIVE.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    @Transactional
    public List<SubscriptionId> dueSubscriptions(Instant now) {
        // one probe of the due index per active subscription (a handful): idle, paused and busy ones are left out
        return jdbc.prepareStatement("SELECT s.id FROM relay_subscription s WHERE s.state = ? AND EXISTS (SELECT 1"
            + " FROM relay_delivery d FORCE INDEX (ix_relay_delivery_due) WHERE d.subscription_id = s.id"
            + " AND d.state = ? AND d.next_attempt_at <= ? AND (d.lease_until IS NULL"
            + " OR d.lease_until < UTC_TIMESTAMP(6))) ORDER BY s.created_at, s.id", ps -> {
                ps.setString(1, SubscriptionState.ACTIVE.name());
                ps.setString(2, PENDING);
                ps.setString(3, DbTime.toColumn(now));
                List<SubscriptionId> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(SubscriptionId.parse(rs.getString(1)));
                    }
                }
                return found;
            });
    }

    @Override
    @Transactional
    public boolean record(RelayDelivery delivery, String owner, Instant attemptedAt, AttemptResult result,
                          DeliveryDecision decision) {
        boolean held = jdbc.prepareStatement("SELECT id FROM relay_delivery WHERE id = ? AND lease_owner = ?"
            + " AND state = ? FOR UPDATE", ps -> {
                ps.setLong(1, delivery.id());
                ps.setString(2, owner);
                ps.setString(3, PENDING);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            });
        if (!held) {
            return false;
        }
        DeliveryState after = decision.stateAfter();
        Optional<Instant> retryAt = decision instanceof DeliveryDecision.RetryAt retry ? Optional.of(retry.at())
            : Optional.empty();
        String attempted = DbTime.toColumn(attemptedAt);
        jdbc.prepareStatement("INSERT INTO relay_attempt (delivery_id, subscription_id, sequence, event_type,"
            + " attempted_at, answer_code, error, latency_ms, state_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                ps.setLong(1, delivery.id());
                ps.setString(2, delivery.subscriptionId().toString());
                ps.setLong(3, delivery.sequence());
                ps.setString(4, delivery.type().name());
                ps.setString(5, attempted);
                if (result.answerCode().isPresent()) {
                    ps.setInt(6, result.answerCode().get());
                } else {
                    ps.setNull(6, Types.INTEGER);
                }
                ps.setString(7, result.error().orElse(null));
                ps.setLong(8, result.latency().toMillis());
                ps.setString(9, after.name());
                return ps.executeUpdate();
            });
        jdbc.prepareStatement("UPDATE relay_delivery SET attempts = attempts + 1,"
            + " first_attempt_at = COALESCE(first_attempt_at, ?), state = ?, next_attempt_at = COALESCE(?, next_attempt_at),"
            + " finished_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?", ps -> {
                ps.setString(1, attempted);
                ps.setString(2, after.name());
                ps.setString(3, retryAt.map(DbTime::toColumn).orElse(null));
                ps.setString(4, after == DeliveryState.PENDING ? null : attempted);
                ps.setLong(5, delivery.id());
                return ps.executeUpdate();
            });
        if (retryAt.isPresent()) {
            // the installation's later deliveries wait behind this one: not due before its retry, so a failing
            // subscriber's backlog is neither listed as due nor read by every claim until then (ix_relay_delivery_order)
            jdbc.prepareStatement("UPDATE relay_delivery SET next_attempt_at = GREATEST(next_attempt_at, ?)"
                + " WHERE subscription_id = ? AND installation_id = ? AND state = ? AND sequence > ?", ps -> {
                    ps.setString(1, DbTime.toColumn(retryAt.get()));
                    ps.setString(2, delivery.subscriptionId().toString());
                    ps.setString(3, delivery.installationId().toString());
                    ps.setString(4, PENDING);
                    ps.setLong(5, delivery.sequence());
                    return ps.executeUpdate();
                });
        }
        return true;
    }

    @Override
    @Transactional
    public Optional<RelayDelivery> find(long deliveryId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM relay_delivery WHERE id = ?", ps -> {
            ps.setLong(1, deliveryId);
            return readAll(ps.executeQuery()).stream().findFirst();
        });
    }

    @Override
    @Transactional
    public List<RelayDelivery> deliveries(SubscriptionId subscription, Optional<DeliveryState> state, int limit,
                                          Optional<Long> beforeId) {
        // ix_relay_delivery_subscription (subscription_id, id)
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM relay_delivery WHERE subscription_id = ?"
            + (state.isPresent() ? " AND state = ?" : "") + (beforeId.isPresent() ? " AND id < ?" : "")
            + " ORDER BY id DESC LIMIT ?", ps -> {
                int i = 1;
                ps.setString(i++, subscription.toString());
                if (state.isPresent()) {
                    ps.setString(i++, state.get().name());
                }
                if (beforeId.isPresent()) {
                    ps.setLong(i++, beforeId.get());
                }
                ps.setInt(i, limit);
                return readAll(ps.executeQuery());
            });
    }

    @Override
    @Transactional
    public List<RelayAttempt> attempts(SubscriptionId subscription, int limit, Optional<Long> beforeId) {
        // ix_relay_attempt_subscription (subscription_id, id)
        return jdbc.prepareStatement("SELECT id, delivery_id, subscription_id, sequence, event_type,"
            + " CAST(attempted_at AS CHAR) AS attempted, answer_code, error, latency_ms, state_after FROM relay_attempt"
            + " WHERE subscription_id = ?" + (beforeId.isPresent() ? " AND id < ?" : "") + " ORDER BY id DESC LIMIT ?",
            ps -> {
                int i = 1;
                ps.setString(i++, subscription.toString());
                if (beforeId.isPresent()) {
                    ps.setLong(i++, beforeId.get());
                }
                ps.setInt(i, limit);
                List<RelayAttempt> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(readAttempt(rs));
                    }
                }
                return found;
            });
    }

    @Override
    @Transactional
    public Optional<RelayDelivery> replay(long deliveryId, Instant now) {
        int replayed = jdbc.prepareStatement("UPDATE relay_delivery SET state = ?, attempts = 0,"
            + " first_attempt_at = NULL, finished_at = NULL, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL"
            + " WHERE id = ? AND state <> ?", ps -> {
                ps.setString(1, PENDING);
                ps.setString(2, DbTime.toColumn(now));
                ps.setLong(3, deliveryId);
                ps.setString(4, PENDING);
                return ps.executeUpdate();
            });
        return replayed > 0 ? find(deliveryId) : Optional.empty();
    }

    @Override
    @Transactional
    public void restartRetries(SubscriptionId subscription, Instant now) {
        String at = DbTime.toColumn(now);
        jdbc.prepareStatement("UPDATE relay_delivery SET next_attempt_at = LEAST(next_attempt_at, ?),"
            + " first_attempt_at = CASE WHEN first_attempt_at IS NULL THEN NULL ELSE ? END"
            + " WHERE subscription_id = ? AND state = ?", ps -> {
                ps.setString(1, at);
                ps.setString(2, at);
                ps.setString(3, subscription.toString());
                ps.setString(4, PENDING);
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public long pendingCount(SubscriptionId subscription) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM relay_delivery WHERE subscription_id = ? AND state = ?",
            ps -> {
                ps.setString(1, subscription.toString());
                ps.setString(2, PENDING);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
    }

    /**
     * Deletes old attempts first ({@code ix_relay_attempt_time}); only once none is left within the limit, finished
     * deliveries ({@code ix_relay_delivery_finished}) with whatever attempts they still have
     * ({@code ix_relay_attempt_delivery}). A delivery is old when it finished before {@code before} (so it was also
     * created before it).
     */
    @Override
    @Transactional
    public int purge(Instant before, int limit) {
        String cutoff = DbTime.toColumn(before);
        int attempts = jdbc.prepareStatement("DELETE FROM relay_attempt WHERE attempted_at < ? LIMIT ?", ps -> {
            ps.setString(1, cutoff);
            ps.setInt(2, limit);
            return ps.executeUpdate();
        });
        int left = limit - attempts;
        if (left <= 0) {
            return attempts;
        }
        List<Long> finished = jdbc.prepareStatement("SELECT id FROM relay_delivery WHERE finished_at < ?"
            + " AND state <> ? ORDER BY finished_at LIMIT ? FOR UPDATE SKIP LOCKED", ps -> {
                ps.setString(1, cutoff);
                ps.setString(2, PENDING);
                ps.setInt(3, left);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            });
        if (finished.isEmpty()) {
            return attempts;
        }
        String ids = finished.stream().map(String::valueOf).collect(Collectors.joining(","));
        int remaining = jdbc.prepareStatement("DELETE FROM relay_attempt WHERE delivery_id IN (" + ids + ")",
            ps -> ps.executeUpdate());
        int deliveries = jdbc.prepareStatement("DELETE FROM relay_delivery WHERE id IN (" + ids + ")",
            ps -> ps.executeUpdate());
        return attempts + remaining + deliveries;
    }

    private static List<RelayDelivery> readAll(ResultSet rs) throws SQLException {
        try (rs) {
            List<RelayDelivery> found = new ArrayList<>();
            while (rs.next()) {
                found.add(read(rs));
            }
            return found;
        }
    }

    private static RelayDelivery read(ResultSet rs) throws SQLException {
        long sequence = rs.getLong("sequence");
        return new RelayDelivery(rs.getLong("id"), SubscriptionId.parse(rs.getString("subscription_id")), sequence,
            InstallationId.parse(rs.getString("installation_id")), RelayEventType.valueOf(rs.getString("event_type")),
            RelayMessage.webhookId(sequence), rs.getString("body"), DeliveryState.valueOf(rs.getString("state")),
            rs.getInt("attempts"), Optional.ofNullable(DbTime.fromColumn(rs.getString("first_attempt"))),
            DbTime.fromColumn(rs.getString("next_attempt")), DbTime.fromColumn(rs.getString("created")));
    }

    private static RelayAttempt readAttempt(ResultSet rs) throws SQLException {
        long sequence = rs.getLong("sequence");
        int code = rs.getInt("answer_code");
        boolean answered = !rs.wasNull();
        Duration latency = Duration.ofMillis(rs.getLong("latency_ms"));
        AttemptResult result = answered ? AttemptResult.answered(code, latency)
            : AttemptResult.failed(Optional.ofNullable(rs.getString("error")).orElse("unknown"), latency);
        return new RelayAttempt(rs.getLong("id"), rs.getLong("delivery_id"),
            SubscriptionId.parse(rs.getString("subscription_id")), RelayMessage.webhookId(sequence),
            RelayEventType.valueOf(rs.getString("event_type")), sequence, DbTime.fromColumn(rs.getString("attempted")),
            result, DeliveryState.valueOf(rs.getString("state_after")));
    }

}
