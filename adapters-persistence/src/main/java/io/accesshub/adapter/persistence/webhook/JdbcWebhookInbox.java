package io.accesshub.adapter.persistence.webhook;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.adapter.persistence.crypto.EncryptedToken;
import io.accesshub.adapter.persistence.crypto.TokenBinding;
import io.accesshub.adapter.persistence.crypto.TokenCipher;
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
 * {@link WebhookInbox} on the {@code webhook_inbox} table, with every stored {@code webhookId} also remembered in
 * {@code webhook_receipt} (kept longer than the events, so a late replay is still a duplicate). Bodies (only events of
 * kind OTHER keep one) are encrypted with the token keyset, bound to their {@code webhookId}, and dropped once handled.
 * Concurrent {@link #store} calls are group-committed: one writer thread inserts everything queued at that moment in
 * one transaction (one statement for the duplicates check, one multi-row insert, one commit), and each caller returns
 * only after the commit that holds its row.
 */
@Singleton
public class JdbcWebhookInbox implements WebhookInbox, AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcWebhookInbox.class);

    private static final String COLUMNS = "(webhook_id, event_kind, event_type, app_id, event_timestamp, body_ciphertext,"
        + " body_key_id, received_at, status, attempts, next_attempt_at, company_id, location_id, plan_id,"
        + " previous_plan_id)";
    /** Keeps one insert statement well below MariaDB's default 16 MB {@code max_allowed_packet}. */
    private static final long MAX_STATEMENT_CHARS = 2_000_000;
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?)";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final TokenCipher cipher;
    private final GroupCommitter<PreparedEvent, Boolean> committer;

    /** An event with its columns and its body already encrypted (on the caller's thread, not the writer's). */
    private record PreparedEvent(InboundWebhook event, StoredEventColumns columns, Optional<EncryptedToken> body) {
        String webhookId() {
            return event.webhookId();
        }
    }

    public JdbcWebhookInbox(JdbcOperations jdbc, TransactionOperations<Connection> transactions, TokenCipher cipher,
                            @Value("${accesshub.webhooks.inbox.batch-size:100}") int batchSize,
                            @Value("${accesshub.webhooks.inbox.store-timeout:5s}") Duration storeTimeout) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
        this.committer = new GroupCommitter<>("webhook-inbox-writer", batchSize, batchSize * 20, storeTimeout,
            this::storeBatch);
    }

    @Override
    public boolean store(InboundWebhook event) {
        StoredEventColumns columns = StoredEventColumns.of(event.event());
        Optional<EncryptedToken> body = columns.body()
            .map(plain -> cipher.encrypt(plain, TokenBinding.forWebhookBody(event.webhookId())));
        return committer.submit(new PreparedEvent(event, columns, body));
    }

    /**
     * Inserts the events whose {@code webhookId} is new (neither remembered nor stored) in one transaction, each with
     * its receipt; true for each one inserted.
     */
    private List<Boolean> storeBatch(List<PreparedEvent> events) {
        return transactions.executeWrite(status -> {
            Set<String> existing = existingIds(events);
            Set<String> seen = new HashSet<>();
            List<Boolean> stored = new ArrayList<>(events.size());
            List<PreparedEvent> fresh = new ArrayList<>(events.size());
            for (PreparedEvent event : events) {
                boolean isNew = !existing.contains(event.webhookId()) && seen.add(event.webhookId());
                stored.add(isNew);
                if (isNew) {
                    fresh.add(event);
                }
            }
            // rows in webhookId order, so two instances inserting overlapping batches lock in the same order
            fresh.sort(java.util.Comparator.comparing(PreparedEvent::webhookId));
            List<PreparedEvent> chunk = new ArrayList<>();
            long chunkBytes = 0;
            for (PreparedEvent event : fresh) {
                long size = event.body().map(b -> b.ciphertext().length * 2L).orElse(0L) + 512L;
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

    private Set<String> existingIds(List<PreparedEvent> events) {
        String marks = String.join(",", java.util.Collections.nCopies(events.size(), "?"));
        return jdbc.prepareStatement("SELECT webhook_id FROM webhook_receipt WHERE webhook_id IN (" + marks + ")"
            + " UNION SELECT webhook_id FROM webhook_inbox WHERE webhook_id IN (" + marks + ")", ps -> {
            for (int i = 0; i < events.size(); i++) {
                ps.setString(i + 1, events.get(i).webhookId());
                ps.setString(events.size() + i + 1, events.get(i).webhookId());
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
    private void insert(List<PreparedEvent> prepared) {
        String receipts = String.join(",", java.util.Collections.nCopies(prepared.size(), "(?, ?)"));
        jdbc.prepareStatement("INSERT INTO webhook_receipt (webhook_id, received_at) VALUES " + receipts
            + " ON DUPLICATE KEY UPDATE webhook_id = webhook_id", ps -> {
            int p = 1;
            for (PreparedEvent event : prepared) {
                ps.setString(p++, event.webhookId());
                ps.setString(p++, DbTime.toColumn(event.event().receivedAt()));
            }
            return ps.executeUpdate();
        });
        String rows = String.join(",", java.util.Collections.nCopies(prepared.size(), ROW));
        jdbc.prepareStatement("INSERT INTO webhook_inbox " + COLUMNS + " VALUES " + rows
            + " ON DUPLICATE KEY UPDATE webhook_id = webhook_id", ps -> {
            int p = 1;
            for (PreparedEvent row : prepared) {
                InboundWebhook event = row.event();
                String received = DbTime.toColumn(event.receivedAt());
                StoredEventColumns columns = row.columns();
                ps.setString(p++, event.webhookId());
                ps.setString(p++, columns.kind().name());
                ps.setString(p++, columns.otherType().orElse(null));
                ps.setString(p++, event.app().map(MarketplaceAppId::value).orElse(null));
                ps.setString(p++, event.timestamp().map(DbTime::toColumn).orElse(null));
                ps.setBytes(p++, row.body().map(EncryptedToken::ciphertext).orElse(null));
                if (row.body().isPresent()) {
                    ps.setLong(p++, row.body().get().keyId());
                } else {
                    ps.setNull(p++, java.sql.Types.BIGINT);
                }
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
                + " location_id, plan_id, previous_plan_id, attempts, body, body_ciphertext FROM webhook_inbox"
                + " WHERE status = 'PENDING'"
                + " AND next_attempt_at <= UTC_TIMESTAMP(6) AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6))"
                // ix_webhook_inbox_due's own order (its rows end with the id): only due PENDING rows are read and
                // locked, never the DONE and DEAD ones kept beside them
                + " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(ClaimedRow.read(rs)) : Optional.<ClaimedRow>empty();
                    }
                });
            if (due.isEmpty()) {
                return Optional.empty();
            }
            ClaimedRow row = due.get();
            Optional<InboxEvent> event = row.toEvent(owner, cipher);
            if (event.isEmpty()) {
                // a row no event can be read from would block the queue: parked for an operator to look at
                jdbc.prepareStatement("UPDATE webhook_inbox SET status = 'DEAD', last_error = ? WHERE id = ?", ps -> {
                    ps.setString(1, "the stored event cannot be read (damaged row or body)");
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

    /** A due row as read, before its body is decrypted and its event rebuilt. */
    private record ClaimedRow(long id, String webhookId, Optional<String> app, Optional<String> timestamp,
                              String received, int attempts, StoredEventColumns columns,
                              Optional<byte[]> bodyCiphertext) {

        static ClaimedRow read(ResultSet rs) throws java.sql.SQLException {
            StoredEventColumns columns = new StoredEventColumns(
                MarketplaceEvent.Kind.valueOf(rs.getString("event_kind")), Optional.ofNullable(rs.getString("event_type")),
                Optional.ofNullable(rs.getString("company_id")), Optional.ofNullable(rs.getString("location_id")),
                Optional.ofNullable(rs.getString("plan_id")), Optional.ofNullable(rs.getString("previous_plan_id")),
                Optional.ofNullable(rs.getString("body")));
            return new ClaimedRow(rs.getLong("id"), rs.getString("webhook_id"),
                Optional.ofNullable(rs.getString("app_id")), Optional.ofNullable(rs.getString("ts")),
                rs.getString("received"), rs.getInt("attempts") + 1, columns,
                Optional.ofNullable(rs.getBytes("body_ciphertext")));
        }

        /** The event; empty when the row is damaged (an id that is not one, a body that does not decrypt). */
        Optional<InboxEvent> toEvent(String owner, TokenCipher cipher) {
            try {
                // a body stored before bodies were encrypted is read as it is (and encrypted in the background)
                StoredEventColumns withBody = bodyCiphertext.isEmpty() ? columns
                    : new StoredEventColumns(columns.kind(), columns.otherType(), columns.companyId(),
                        columns.locationId(), columns.planId(), columns.previousPlanId(),
                        Optional.of(cipher.decrypt(bodyCiphertext.get(), TokenBinding.forWebhookBody(webhookId))));
                return Optional.of(new InboxEvent(id, webhookId, app.map(MarketplaceAppId::of),
                    timestamp.map(DbTime::fromColumn), DbTime.fromColumn(received), withBody.toEvent(), attempts,
                    owner));
            } catch (RuntimeException damaged) {
                LOG.error("Webhook {} in the inbox cannot be read ({}); parked as a dead letter", webhookId,
                    damaged.getClass().getSimpleName());
                return Optional.empty();
            }
        }
    }

    @Override
    @Transactional
    public void markDone(InboxEvent event) {
        jdbc.prepareStatement("UPDATE webhook_inbox SET status = 'DONE', lease_owner = NULL, lease_until = NULL,"
            + " last_error = NULL, body = NULL, body_ciphertext = NULL, body_key_id = NULL"
            + " WHERE id = ? AND lease_owner = ?", ps -> {
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
        // walks ix_webhook_inbox_handled (status, received_at) from the oldest; the receipts stay
        return jdbc.prepareStatement("DELETE FROM webhook_inbox WHERE status = 'DONE'"
            + " AND received_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND) ORDER BY received_at LIMIT ?",
            ps -> {
                ps.setLong(1, olderThan.toNanos() / 1000);
                ps.setInt(2, limit);
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public int forgetIds(Duration olderThan, int limit) {
        // walks ix_webhook_receipt_received from the oldest; an id whose event is still in the inbox is kept
        return jdbc.prepareStatement("DELETE FROM webhook_receipt"
            + " WHERE received_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND)"
            + " AND NOT EXISTS (SELECT 1 FROM webhook_inbox i WHERE i.webhook_id = webhook_receipt.webhook_id)"
            + " ORDER BY received_at LIMIT ?", ps -> {
                ps.setLong(1, olderThan.toNanos() / 1000);
                ps.setInt(2, limit);
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public List<DeadLetter> deadLetters(long offset, int limit) {
        // walks ix_webhook_inbox_handled (status, received_at; id is the primary key every InnoDB index ends with)
        return jdbc.prepareStatement("SELECT id, webhook_id, event_kind, event_type, attempts,"
            + " CAST(received_at AS CHAR) AS received, last_error FROM webhook_inbox WHERE status = 'DEAD'"
            + " ORDER BY received_at, id LIMIT ? OFFSET ?", ps -> {
                ps.setInt(1, limit);
                ps.setLong(2, offset);
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
