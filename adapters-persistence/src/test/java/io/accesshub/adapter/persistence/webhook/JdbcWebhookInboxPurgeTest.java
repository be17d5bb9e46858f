package io.accesshub.adapter.persistence.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.application.port.out.WebhookInbox.InboundWebhook;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention on the real inbox: only handled events past retention go; pending and dead ones stay. */
class JdbcWebhookInboxPurgeTest {

    private final WebhookInbox inbox = SharedContext.bean(WebhookInbox.class);
    private final TransactionRunner transactions = SharedContext.bean(TransactionRunner.class);
    private final JdbcOperations jdbc = SharedContext.bean(JdbcOperations.class);

    @BeforeEach
    void emptyTables() {
        TestDatabase.shared().truncateTables();
    }

    private static InboundWebhook event(String id) {
        return WebhookInboxFixtures.otherEvent(id);
    }

    private void received(String webhookId, int daysAgo) {
        transactions.runInTransaction(() -> jdbc.prepareStatement("UPDATE webhook_inbox SET received_at ="
            + " DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? DAY) WHERE webhook_id = ?", ps -> {
                ps.setInt(1, daysAgo);
                ps.setString(2, webhookId);
                return ps.executeUpdate();
            }));
    }

    @Test
    void purgesOnlyHandledEventsOlderThanTheRetention() {
        for (String id : new String[] {"old-done", "new-done", "old-pending", "old-dead"}) {
            inbox.store(event(id));
        }
        for (int i = 0; i < 4; i++) {
            WebhookInbox.InboxEvent claimed = inbox.claimNext("test", Duration.ofSeconds(30)).orElseThrow();
            switch (claimed.webhookId()) {
                case "old-done", "new-done" -> inbox.markDone(claimed);
                case "old-dead" -> inbox.markFailed(claimed, "boom", Instant.parse("2026-11-26T00:00:00Z"), true);
                default -> inbox.markFailed(claimed, "later", Instant.parse("2099-01-01T00:00:00Z"), false);
            }
        }
        received("old-done", 10);
        received("new-done", 1);
        received("old-pending", 10);
        received("old-dead", 10);

        assertThat(inbox.purgeDone(Duration.ofDays(7), 100)).isEqualTo(1);

        assertThat(inbox.count()).isEqualTo(3);
        assertThat(inbox.countByStatus("DONE")).isEqualTo(1);
        assertThat(inbox.store(event("new-done"))).as("a recent duplicate is still recognised").isFalse();
    }

    @Test
    void aReplayAfterTheEventIsPurgedIsStillADuplicateUntilItsIdIsForgotten() {
        inbox.store(event("replayed"));
        inbox.markDone(inbox.claimNext("test", Duration.ofSeconds(30)).orElseThrow());
        received("replayed", 10);
        transactions.runInTransaction(() -> jdbc.prepareStatement("UPDATE webhook_receipt SET received_at ="
            + " DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 10 DAY)", ps -> ps.executeUpdate()));

        assertThat(inbox.purgeDone(Duration.ofDays(7), 100)).isEqualTo(1);
        assertThat(inbox.count()).isZero();
        assertThat(inbox.forgetIds(Duration.ofDays(30), 100)).as("remembered for 30 days").isZero();
        assertThat(inbox.store(event("replayed"))).as("a replay after the event was purged").isFalse();
        assertThat(inbox.count()).isZero();

        assertThat(inbox.forgetIds(Duration.ofDays(9), 100)).isEqualTo(1);
        assertThat(inbox.store(event("replayed"))).as("once forgotten, it is new again").isTrue();
    }

    @Test
    void anIdWhoseEventIsStillInTheInboxIsNotForgotten() {
        inbox.store(event("dead-for-long"));
        inbox.markFailed(inbox.claimNext("test", Duration.ofSeconds(30)).orElseThrow(), "boom",
            Instant.parse("2026-11-26T00:00:00Z"), true);
        transactions.runInTransaction(() -> jdbc.prepareStatement("UPDATE webhook_receipt SET received_at ="
            + " DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 60 DAY)", ps -> ps.executeUpdate()));

        assertThat(inbox.forgetIds(Duration.ofDays(30), 100)).isZero();
        assertThat(inbox.store(event("dead-for-long"))).isFalse();
    }
}
