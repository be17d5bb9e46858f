package io.accesshub.adapter.persistence.webhook;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.WebhookInbox;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;

/** {@link WebhookInbox} on the {@code webhook_inbox} table; the unique {@code webhook_id} makes storing idempotent. */
@Singleton
public class JdbcWebhookInbox implements WebhookInbox {

    private final JdbcOperations jdbc;

    public JdbcWebhookInbox(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public boolean store(InboundWebhook event) {
        return jdbc.prepareStatement("INSERT IGNORE INTO webhook_inbox (webhook_id, event_type, app_id,"
            + " event_timestamp, body, received_at, status, attempts, next_attempt_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)", ps -> {
                String received = DbTime.toColumn(event.receivedAt());
                ps.setString(1, event.webhookId());
                ps.setString(2, event.type());
                ps.setString(3, event.appId().orElse(null));
                ps.setString(4, event.timestamp().map(DbTime::toColumn).orElse(null));
                ps.setString(5, event.body());
                ps.setString(6, received);
                ps.setString(7, received);
                return ps.executeUpdate() == 1;
            });
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

}
