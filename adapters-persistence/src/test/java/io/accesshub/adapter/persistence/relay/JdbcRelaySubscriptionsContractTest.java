package io.accesshub.adapter.persistence.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.RelaySubscriptions;
import io.accesshub.application.port.out.RelaySubscriptionsContract;
import io.accesshub.application.port.out.TransactionRunner;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The relay subscription contract against the real database, and its secrets at rest. */
class JdbcRelaySubscriptionsContractTest extends RelaySubscriptionsContract {

    private final TransactionRunner transactions = SharedContext.bean(TransactionRunner.class);
    private final JdbcOperations jdbc = SharedContext.bean(JdbcOperations.class);
    private RelaySubscriptions subscriptions;

    @Override
    protected RelaySubscriptions newSubscriptions() {
        subscriptions = SharedContext.bean(RelaySubscriptions.class);
        TestDatabase.shared().truncateTables();
        return subscriptions;
    }

    private String storedSecrets(String id) {
        return transactions.inTransaction(() -> jdbc.prepareStatement("SELECT secret_ciphertext,"
            + " previous_secret_ciphertext FROM relay_subscription WHERE id = ?", ps -> {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    byte[] previous = rs.getBytes(2);
                    return new String(rs.getBytes(1), StandardCharsets.ISO_8859_1) + "|"
                        + (previous == null ? "" : new String(previous, StandardCharsets.ISO_8859_1));
                }
            }));
    }

    @Test
    void secretsAreStoredEncrypted() {
        subscriptions.add(subscription(id(1), T0), SECRET);
        subscriptions.rotateSecret(id(1), "whsec_rotated-secret", T0.plusSeconds(60));

        assertThat(storedSecrets(id(1).toString())).doesNotContain(SECRET).doesNotContain("whsec")
            .doesNotContain("rotated-secret");
        assertThat(subscriptions.signingSecrets(id(1), T0)).containsExactly("whsec_rotated-secret", SECRET);
    }

    @Test
    void aSecretCopiedIntoAnotherSubscriptionDoesNotDecrypt() {
        subscriptions.add(subscription(id(1), T0), SECRET);
        subscriptions.add(subscription(id(2), T0), "whsec_other");
        transactions.runInTransaction(() -> jdbc.prepareStatement("UPDATE relay_subscription t JOIN relay_subscription s"
            + " ON s.id = ? SET t.secret_ciphertext = s.secret_ciphertext WHERE t.id = ?", ps -> {
                ps.setString(1, id(1).toString());
                ps.setString(2, id(2).toString());
                return ps.executeUpdate();
            }));

        assertThatThrownBy(() -> subscriptions.signingSecrets(id(2), Instant.EPOCH))
            .hasMessageNotContaining(SECRET);
    }
}
