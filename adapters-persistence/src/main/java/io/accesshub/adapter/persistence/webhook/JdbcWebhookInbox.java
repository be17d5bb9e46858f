package io.accesshub.adapter.persistence.webhook;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.application.port.out.WebhookInbox.InboxEvent;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.webhook.MarketplaceEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.HashSet;
import java.util.Set;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link WebhookInbox} on the {@code webhook_inbox} table; the unique {@code webhook_id} makes storing idempotent.
 * Concurrent {@link #store} calls are group-committed: one writer thread inserts everything queued at that moment in
 * one transaction (one statement for the duplicates check, one multi-row insert, one commit), and each caller returns
 * only after the commit that holds its row.
 */
@Singleton
public class JdbcWebhookInbox implements WebhookInbox, AutoCloseable {

    private static final String COLUMNS = "(webhook_id, event_kind, event_type, app_id, event_timestamp, body,"
        + " received_at, status, attempts, next_attempt_at, company_id, location_id, plan_id, previous_plan_id)";
    /** Keeps one insert statement well below MariaDB's default 16 MB {@code max_allowed_packet}. */
    private static final long MAX_STATEMENT_CHARS = 2_000_000;
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?)";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final GroupCommitter<InboundWebhook, Boolean> committer;

    public JdbcWebhookInbox(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                            @Value("${accesshub.webhooks.inbox.batch-size:100}") int batchSize,
                            @Value("${accesshub.webhooks.inbox.store-timeout:5s}") Duration storeTimeout) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.committer = new GroupCommitter<>("webhook-inbox-writer", batchSize, batchSize * 20, storeTimeout,
            this::storeBatch);
    }

    @Override
    public boolean store(InboundWebhook event) {
        return committer.submit(event);
    }

    /** Inserts the events that are new (by {@code webhookId}) in one transaction; true for each one inserted. */
    private List<Boolean> storeBatch(List<InboundWebhook> events) {
        return transactions.executeWrite(status -> {
            Set<String> existing = existingIds(events);
            Set<String> seen = new HashSet<>();
            List<Boolean> stored = new ArrayList<>(events.size());
            List<InboundWebhook> fresh = new ArrayList<>(events.size());
            for (InboundWebhook event : events) {
                boolean isNew = !existing.contains(event.webhookId()) && seen.add(event.webhookId());
                stored.add(isNew);
                if (isNew) {
                    fresh.add(event);
                }
            }
            // rows in webhookId order, so two instances inserting overlapping batches lock in the same order
            fresh.sort(java.util.Comparator.comparing(InboundWebhook::webhookId));
            List<InboundWebhook> chunk = new ArrayList<>();
            long chunkBytes = 0;
            for (InboundWebhook event : fresh) {
                long size = StoredEventColumns.of(event.event()).body().map(String::length).orElse(0) + 512L;
                if (!chunk.isEmpty() && chunkBytes + size > MAX_STATEMENT_CHARS) {
                    insert(chunk);
                    chunk.clear();
                    chunkBytes = 0;
                }
                chunk.add(event);
                chunkBytes += size;
            }
            if (!chunk.isEmpty()) {
                insert(chunk);
            }
            return stored;
        });
    }

    private Set<String> existingIds(List<InboundWebhook> events) {
        String marks = String.join(",", java.util.Collections.nCopies(events.size(), "?"));
        return jdbc.prepareStatement("SELECT webhook_id FROM webhook_inbox WHERE webhook_id IN (" + marks + ")", ps -> {
            for (int i = 0; i < events.size(); i++) {
                ps.setString(i + 1, events.get(i).webhookId());
            }
            Set<String> found = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        });
    }

    /**
     * One multi-row insert. A row another instance stored between the check and the insert is left as it is
     * ({@code ON DUPLICATE KEY UPDATE} of nothing; that event is then reported as stored by both, and still processed
     * once). Unlike {@code INSERT IGNORE}, a value the column cannot hold fails the statement instead of being stored
     * changed, so the batch falls back to single inserts and only the bad event fails.
     */
    private void insert(List<InboundWebhook> events) {
        String rows = String.join(",", java.util.Collections.nCopies(events.size(), ROW));
        jdbc.prepareStatement("INSERT INTO webhook_inbox " + COLUMNS + " VALUES " + rows
            + " ON DUPLICATE KEY UPDATE webhook_id = webhook_id", ps -> {
            int p = 1;
            for (InboundWebhook event : events) {
                String received = DbTime.toColumn(event.receivedAt());
                StoredEventColumns columns = StoredEventColumns.of(event.event());
                ps.setString(p++, event.webhookId());
                ps.setString(p++, columns.kind().name());
                ps.setString(p++, columns.otherType().orElse(null));
                ps.setString(p++, event.app().map(MarketplaceAppId::value).orElse(null));
                ps.setString(p++, event.timestamp().map(DbTime::toColumn).orElse(null));
                ps.setString(p++, columns.body().orElse(null));
                ps.setString(p++, received);
                ps.setString(p++, received);
                ps.setString(p++, columns.companyId().orElse(null));
                ps.setString(p++, columns.locationId().orElse(null));
                ps.setString(p++, columns.planId().orElse(null));
                ps.setString(p++, columns.previousPlanId().orElse(null));
            }
            return ps.executeUpdate();
        });
    }

    @Override
    @PreDestroy
    public void close() {
        committer.close();
    }

    @Override
    @Transactional
    public long count() {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM webhook_inbox", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }


    @Override
    @Transactional
    public Optional<InboxEvent> claimNext(String owner, Duration lease) {
        for (int unreadable = 0; unreadable < 10; unreadable++) {
            Optional<ClaimedRow> due = jdbc.prepareStatement("SELECT id, webhook_id, event_kind, event_type, app_id,"
                + " CAST(event_timestamp AS CHAR) AS ts, CAST(received_at AS CHAR) AS received, company_id,"
                + " location_id, plan_id, previous_plan_id, attempts, body FROM webhook_inbox WHERE status = 'PENDING'"
                + " AND next_attempt_at <= UTC_TIMESTAMP(6) AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6))"
                + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(ClaimedRow.read(rs)) : Optional.<ClaimedRow>empty();
                    }
                });
            if (due.isEmpty()) {
                return Optional.empty();
            }
            ClaimedRow row = due.get();
            Optional<InboxEvent> event = row.toEvent(owner);
            if (event.isEmpty()) {
                // a row no event can be read from would block the queue: parked for an operator to look at
                jdbc.prepareStatement("UPDATE webhook_inbox SET status = 'DEAD', last_error = ? WHERE id = ?", ps -> {
                    ps.setString(1, "unreadable stored event");
                    ps.setLong(2, row.id());
                    return ps.executeUpdate();
                });
                continue;
            }
            jdbc.prepareStatement("UPDATE webhook_inbox SET lease_owner = ?,"
                + " lease_until = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND), attempts = attempts + 1"
                + " WHERE id = ?", ps -> {
                    ps.setString(1, owner);
                    ps.setLong(2, lease.toNanos() / 1000);
                    ps.setLong(3, row.id());
                    return ps.executeUpdate();
                });
            return event;
        }
        return Optional.empty();
    }

    /** A due row as read, before its event is rebuilt. */
    private record ClaimedRow(long id, String webhookId, Optional<String> app, Optional<String> timestamp,
                              String received, int attempts, StoredEventColumns columns) {

        static ClaimedRow read(ResultSet rs) throws java.sql.SQLException {
            StoredEventColumns columns = new StoredEventColumns(
                MarketplaceEvent.Kind.valueOf(rs.getString("event_kind")), Optional.ofNullable(rs.getString("event_type")),
                Optional.ofNullable(rs.getString("company_id")), Optional.ofNullable(rs.getString("location_id")),
                Optional.ofNullable(rs.getString("plan_id")), Optional.ofNullable(rs.getString("previous_plan_id")),
                Optional.ofNullable(rs.getString("body")));
            return new ClaimedRow(rs.getLong("id"), rs.getString("webhook_id"),
                Optional.ofNullable(rs.getString("app_id")), Optional.ofNullable(rs.getString("ts")),
                rs.getString("received"), rs.getInt("attempts") + 1, columns);
        }

        Optional<InboxEvent> toEvent(String owner) {
            try {
                return Optional.of(new InboxEvent(id, webhookId, app.map(MarketplaceAppId::of),
                    timestamp.map(DbTime::fromColumn), DbTime.fromColumn(received), columns.toEvent(), attempts,
                    owner));
            } catch (RuntimeException damaged) {
                return Optional.empty();
            }
        }
    }

    @Override
    @Transactional
    public void markDone(InboxEvent event) {
        jdbc.prepareStatement("UPDATE webhook_inbox SET status = 'DONE', lease_owner = NULL, lease_until = NULL,"
            + " last_error = NULL WHERE id = ? AND lease_owner = ?", ps -> {
                ps.setLong(1, event.id());
                ps.setString(2, event.owner());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public void markFailed(InboxEvent event, String error, Instant retryAt, boolean dead) {
        jdbc.prepareStatement("UPDATE webhook_inbox SET status = ?, next_attempt_at = ?, lease_owner = NULL,"
            + " lease_until = NULL, last_error = ? WHERE id = ? AND lease_owner = ?", ps -> {
                ps.setString(1, dead ? "DEAD" : "PENDING");
                ps.setString(2, DbTime.toColumn(retryAt));
                ps.setString(3, error.length() > 1000 ? error.substring(0, 1000) : error);
                ps.setLong(4, event.id());
                ps.setString(5, event.owner());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public long countByStatus(String status) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM webhook_inbox WHERE status = ?", ps -> {
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    @Transactional
    public int purgeDone(Duration olderThan, int limit) {
        return jdbc.prepareStatement("DELETE FROM webhook_inbox WHERE status = 'DONE'"
            + " AND received_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND) LIMIT ?", ps -> {
                ps.setLong(1, olderThan.toNanos() / 1000);
                ps.setInt(2, limit);
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public List<DeadLetter> deadLetters(int limit) {
        return jdbc.prepareStatement("SELECT id, webhook_id, event_kind, event_type, attempts,"
            + " CAST(received_at AS CHAR) AS received, last_error FROM webhook_inbox WHERE status = 'DEAD'"
            + " ORDER BY id LIMIT ?", ps -> {
                ps.setInt(1, limit);
                List<DeadLetter> letters = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        letters.add(new DeadLetter(rs.getLong("id"), rs.getString("webhook_id"),
                            MarketplaceEvent.Kind.valueOf(rs.getString("event_kind")),
                            Optional.ofNullable(rs.getString("event_type")), rs.getInt("attempts"),
                            DbTime.fromColumn(rs.getString("received")), String.valueOf(rs.getString("last_error"))));
                    }
                }
                return letters;
            });
    }

    @Override
    @Transactional
    public boolean replay(long id) {
        return jdbc.prepareStatement("UPDATE webhook_inbox SET status = 'PENDING', attempts = 0,"
            + " next_attempt_at = UTC_TIMESTAMP(6), lease_owner = NULL, lease_until = NULL"
            + " WHERE id = ? AND status = 'DEAD'", ps -> {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }) == 1;
    }
}
