package io.accesshub.adapter.persistence.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.application.port.out.WebhookInbox.InboundWebhook;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.webhook.MarketplaceEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook bodies at rest (ADR-24): encrypted while kept, bound to their webhookId, dropped once handled. */
class JdbcWebhookInboxBodyTest {

    private static final String BODY = "{\"type\":\"ContactCreate\",\"email\":\"jane.doe@example.com\"}";

    private final WebhookInbox inbox = SharedContext.bean(WebhookInbox.class);
    private final WebhookBodyReencryption reencryption = SharedContext.bean(WebhookBodyReencryption.class);
    private final TransactionRunner transactions = SharedContext.bean(TransactionRunner.class);
    private final JdbcOperations jdbc = SharedContext.bean(JdbcOperations.class);

    @BeforeEach
    void emptyTables() {
        TestDatabase.shared().truncateTables();
    }

    private static InboundWebhook contact(String webhookId) {
        return new InboundWebhook(webhookId, Optional.of(MarketplaceAppId.of("app1")), Optional.empty(),
            Instant.parse("2026-11-26T00:00:00Z"), new MarketplaceEvent.Other("ContactCreate", Optional.empty(),
                Optional.of(LocationId.of("l-1")), BODY));
    }

    private String storedBytes(String webhookId) {
        return transactions.inTransaction(() -> jdbc.prepareStatement("SELECT body, body_ciphertext FROM webhook_inbox"
            + " WHERE webhook_id = ?", ps -> {
                ps.setString(1, webhookId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    byte[] ciphertext = rs.getBytes(2);
                    return rs.getString(1) + "|" + (ciphertext == null ? "null"
                        : new String(ciphertext, StandardCharsets.ISO_8859_1));
                }
            }));
    }

    @Test
    void aBodyIsStoredEncryptedReadBackExactlyAndDroppedOnceHandled() {
        inbox.store(contact("wh-1"));

        assertThat(storedBytes("wh-1")).doesNotContain("jane.doe").startsWith("null|").isNotEqualTo("null|null");

        WebhookInbox.InboxEvent claimed = inbox.claimNext("test", Duration.ofSeconds(30)).orElseThrow();
        assertThat(((MarketplaceEvent.Other) claimed.event()).body()).isEqualTo(BODY);

        inbox.markDone(claimed);
        assertThat(storedBytes("wh-1")).isEqualTo("null|null");
    }

    @Test
    void aPlaintextBodyStoredBeforeEncryptionIsReadAndThenEncryptedInTheBackground() {
        transactions.runInTransaction(() -> jdbc.prepareStatement("INSERT INTO webhook_inbox (webhook_id, event_kind,"
            + " event_type, app_id, body, received_at, status, attempts, next_attempt_at) VALUES ('legacy', 'OTHER',"
            + " 'ContactCreate', 'app1', ?, UTC_TIMESTAMP(6), 'DEAD', 8, UTC_TIMESTAMP(6))", ps -> {
                ps.setString(1, BODY);
                return ps.executeUpdate();
            }));
        assertThat(reencryption.remaining()).isEqualTo(1);

        assertThat(reencryption.reencryptBatch(10)).isEqualTo(1);

        assertThat(reencryption.remaining()).isZero();
        assertThat(storedBytes("legacy")).doesNotContain("jane.doe").startsWith("null|");
        long id = inbox.deadLetters(0, 10).get(0).id();
        assertThat(inbox.replay(id)).isTrue();
        WebhookInbox.InboxEvent claimed = inbox.claimNext("test", Duration.ofSeconds(30)).orElseThrow();
        assertThat(((MarketplaceEvent.Other) claimed.event()).body()).isEqualTo(BODY);
    }

    @Test
    void aBodyCopiedIntoAnotherRowCannotBeRead() {
        inbox.store(contact("wh-a"));
        inbox.store(contact("wh-b"));
        transactions.runInTransaction(() -> jdbc.prepareStatement("UPDATE webhook_inbox t JOIN webhook_inbox s"
            + " ON s.webhook_id = 'wh-a' SET t.body_ciphertext = s.body_ciphertext WHERE t.webhook_id = 'wh-b'",
            ps -> ps.executeUpdate()));

        WebhookInbox.InboxEvent first = inbox.claimNext("test", Duration.ofSeconds(30)).orElseThrow();
        assertThat(first.webhookId()).isEqualTo("wh-a");
        inbox.markDone(first);
        assertThat(inbox.claimNext("test", Duration.ofSeconds(30))).as("wh-b's body does not decrypt").isEmpty();
        assertThat(inbox.countByStatus("DEAD")).isEqualTo(1);
    }
}
