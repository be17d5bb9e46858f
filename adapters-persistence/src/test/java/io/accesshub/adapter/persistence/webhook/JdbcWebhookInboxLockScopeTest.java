package io.accesshub.adapter.persistence.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.application.port.out.WebhookInbox.InboundWebhook;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbox's background statements lock only rows that can still make progress: a fleet keeps a week of processed
 * (DONE) events, and a claim or a re-encryption pass that locked them all would scan and block the whole table every
 * second. Checked from a second session, which must be able to lock a processed row at once (NOWAIT) while the
 * background statement's transaction is still open.
 */
class JdbcWebhookInboxLockScopeTest {

    private final WebhookInbox inbox = SharedContext.bean(WebhookInbox.class);
    private final WebhookBodyReencryption reencryption = SharedContext.bean(WebhookBodyReencryption.class);
    private final TransactionRunner transactions = SharedContext.bean(TransactionRunner.class);

    @BeforeEach
    void emptyTables() {
        TestDatabase.shared().truncateTables();
    }

    private static InboundWebhook event(String id) {
        return WebhookInboxFixtures.otherEvent(id);
    }

    /** Stores and processes {@code count} events (the oldest rows of the inbox); returns their ids. */
    private List<Long> processed(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inbox.store(event("done-" + i));
            WebhookInbox.InboxEvent claimed = inbox.claimNext("test", Duration.ofSeconds(30)).orElseThrow();
            inbox.markDone(claimed);
            ids.add(claimed.id());
        }
        return ids;
    }

    /**
     * Whether another session (a connection of its own, not the pool's transaction-aware one) can lock every one of
     * these rows without waiting.
     */
    private static boolean lockableElsewhere(List<Long> ids) {
        try (Connection other = TestDatabase.shared().openConnection()) {
            other.setAutoCommit(false);
            try {
                for (long id : ids) {
                    try (PreparedStatement lock = other.prepareStatement(
                        "SELECT id FROM webhook_inbox WHERE id = ? FOR UPDATE NOWAIT")) {
                        lock.setLong(1, id);
                        try (ResultSet rs = lock.executeQuery()) {
                            assertThat(rs.next()).isTrue();
                        }
                    } catch (SQLException lockedByTheBackgroundStatement) {
                        return false;
                    }
                }
                return true;
            } finally {
                other.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aClaimLocksTheDueEventItTakesNotTheProcessedOnesBeforeIt() {
        List<Long> done = processed(5);
        inbox.store(event("due"));

        boolean processedRowsFree = transactions.inTransaction(() -> {
            WebhookInbox.InboxEvent claimed = inbox.claimNext("test", Duration.ofSeconds(30)).orElseThrow();
            assertThat(claimed.webhookId()).isEqualTo("due");
            assertThat(lockableElsewhere(List.of(claimed.id()))).as("the claimed row itself is held").isFalse();
            return lockableElsewhere(done);
        });

        assertThat(processedRowsFree).isTrue();
    }

    @Test
    void aReencryptionPassWithNothingToDoLocksNoProcessedEvent() {
        List<Long> done = processed(5);

        boolean processedRowsFree = transactions.inTransaction(() -> {
            assertThat(reencryption.reencryptBatch(100)).isZero();
            return lockableElsewhere(done);
        });

        assertThat(processedRowsFree).isTrue();
        assertThat(reencryption.remaining()).isZero();
    }
}
