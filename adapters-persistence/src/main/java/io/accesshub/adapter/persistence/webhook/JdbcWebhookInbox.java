package io.accesshub.adapter.persistence.webhook;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.application.port.out.WebhookInbox.InboxEvent;
import io.accesshub.application.port.out.WebhookInbox.WebhookSubject;
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

    private static final String COLUMNS = "(webhook_id, event_type, app_id, event_timestamp, body, received_at, status,"
        + " attempts, next_attempt_at, install_type, company_id, location_id)";
    /** Keeps one insert statement well below MariaDB's default 16 MB {@code max_allowed_packet}. */
    private static final long MAX_STATEMENT_CHARS = 2_000_000;
    private static final String ROW = "(?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)";

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
                if (!chunk.isEmpty() && chunkBytes + event.body().length() > MAX_STATEMENT_CHARS) {
                    insert(chunk);
                    chunk.clear();
                    chunkBytes = 0;
                }
                chunk.add(event);
                chunkBytes += event.body().length();
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
                ps.setString(p++, event.webhookId());
                ps.setString(p++, event.type());
                ps.setString(p++, event.appId().orElse(null));
                ps.setString(p++, event.timestamp().map(DbTime::toColumn).orElse(null));
                ps.setString(p++, event.body());
                ps.setString(p++, received);
                ps.setString(p++, received);
                ps.setString(p++, event.subject().installType().orElse(null));
                ps.setString(p++, event.subject().companyId().orElse(null));
                ps.setString(p++, event.subject().locationId().orElse(null));
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
        Optional<InboxEvent> due = jdbc.prepareStatement("SELECT id, webhook_id, event_type, app_id,"
            + " CAST(event_timestamp AS CHAR) AS ts, CAST(received_at AS CHAR) AS received, install_type, company_id,"
            + " location_id, attempts, body FROM webhook_inbox WHERE status = 'PENDING'"
            + " AND next_attempt_at <= UTC_TIMESTAMP(6) AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6))"
            + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", ps -> {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<InboxEvent>empty();
                    }
                    return Optional.of(new InboxEvent(rs.getLong("id"), rs.getString("webhook_id"),
                        rs.getString("event_type"), Optional.ofNullable(rs.getString("app_id")),
                        Optional.ofNullable(rs.getString("ts")).map(DbTime::fromColumn),
                        DbTime.fromColumn(rs.getString("received")),
                        new WebhookSubject(Optional.ofNullable(rs.getString("install_type")),
                            Optional.ofNullable(rs.getString("company_id")),
                            Optional.ofNullable(rs.getString("location_id"))),
                        rs.getInt("attempts") + 1, owner, rs.getString("body")));
                }
            });
        due.ifPresent(event -> jdbc.prepareStatement("UPDATE webhook_inbox SET lease_owner = ?,"
            + " lease_until = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND), attempts = attempts + 1"
            + " WHERE id = ?", ps -> {
                ps.setString(1, owner);
                ps.setLong(2, lease.toNanos() / 1000);
                ps.setLong(3, event.id());
                return ps.executeUpdate();
            }));
        return due;
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
        return jdbc.prepareStatement("SELECT id, webhook_id, event_type, attempts, CAST(received_at AS CHAR) AS received,"
            + " last_error FROM webhook_inbox WHERE status = 'DEAD' ORDER BY id LIMIT ?", ps -> {
                ps.setInt(1, limit);
                List<DeadLetter> letters = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        letters.add(new DeadLetter(rs.getLong("id"), rs.getString("webhook_id"),
                            rs.getString("event_type"), rs.getInt("attempts"), DbTime.fromColumn(rs.getString("received")),
                            String.valueOf(rs.getString("last_error"))));
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
