package io.accesshub.adapter.persistence.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import io.accesshub.adapter.persistence.crypto.TinkTokenCipher;
import io.accesshub.adapter.persistence.crypto.TokenDecryptionException;
import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.relay.RelayEventType;
import io.accesshub.domain.relay.RelayFilter;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Relay subscription secrets move onto a rotated keyset's primary key, after which the old key can be removed. */
class RelaySecretReencryptionTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00.123456Z");
    private static final Instant OVERLAP_UNTIL = T0.plusSeconds(3600);
    private static final Instant DURING_OVERLAP = T0.plusSeconds(60);
    private static final SubscriptionId PLAIN = id(1);
    private static final SubscriptionId ROTATED_BEFORE = id(2);
    private static final SubscriptionId ROTATED_AFTER = id(3);
    private static final SubscriptionId ADDED_AFTER = id(4);

    private final TransactionRunner transactions = SharedContext.bean(TransactionRunner.class);
    private final JdbcOperations jdbc = SharedContext.bean(JdbcOperations.class);

    @BeforeEach
    void emptyTables() {
        TestDatabase.shared().truncateTables();
    }

    @Test
    void rotationReencryptsBothSecretsAndTheOldKeyCanThenBeRemoved() {
        String oldKeyset = TinkKeysets.generate();
        TinkTokenCipher oldCipher = TinkTokenCipher.fromJsonKeyset(oldKeyset);
        String rotated = TinkKeysets.withNewPrimary(oldKeyset);
        TinkTokenCipher rotatedCipher = TinkTokenCipher.fromJsonKeyset(rotated);
        String newOnly = TinkKeysets.without(rotated, oldCipher.primaryKeyId());
        byte[] newPrefix = TinkKeysets.describe(rotated).stream().filter(TinkKeysets.KeyInfo::primary).findFirst()
            .orElseThrow().ciphertextPrefix();

        JdbcRelaySubscriptions before = new JdbcRelaySubscriptions(jdbc, oldCipher);
        transactions.runInTransaction(() -> {
            before.add(subscription(PLAIN), "whsec_plain");
            before.add(subscription(ROTATED_BEFORE), "whsec_first");
            before.rotateSecret(ROTATED_BEFORE, "whsec_second", OVERLAP_UNTIL);
            before.add(subscription(ROTATED_AFTER), "whsec_old");
        });
        JdbcRelaySubscriptions after = new JdbcRelaySubscriptions(jdbc, rotatedCipher);
        transactions.runInTransaction(() -> {
            after.rotateSecret(ROTATED_AFTER, "whsec_new", OVERLAP_UNTIL);
            after.add(subscription(ADDED_AFTER), "whsec_added");
        });

        RelaySecretReencryption reencryption = new RelaySecretReencryption(jdbc, rotatedCipher);
        assertThat(transactions.inTransaction(reencryption::remaining)).isEqualTo(3);
        JdbcRelaySubscriptions retired = new JdbcRelaySubscriptions(jdbc, TinkTokenCipher.fromJsonKeyset(newOnly));
        assertThatThrownBy(() -> transactions.inTransaction(() -> retired.signingSecrets(PLAIN, DURING_OVERLAP)))
            .isInstanceOf(TokenDecryptionException.class).hasMessageNotContaining("whsec");

        assertThat(transactions.inTransaction(() -> reencryption.reencryptBatch(2))).isEqualTo(2);
        assertThat(transactions.inTransaction(reencryption::remaining)).isEqualTo(1);
        assertThat(transactions.inTransaction(() -> reencryption.reencryptBatch(10))).isEqualTo(1);
        assertThat(transactions.inTransaction(reencryption::remaining)).isZero();
        assertThat(transactions.inTransaction(() -> reencryption.reencryptBatch(10))).isZero();

        assertThat(storedPrefixes()).containsOnly(HexFormat.of().formatHex(newPrefix)).hasSize(6);
        for (JdbcRelaySubscriptions subscriptions : List.of(after, retired)) {
            assertThat(transactions.inTransaction(() -> subscriptions.signingSecrets(PLAIN, DURING_OVERLAP)))
                .containsExactly("whsec_plain");
            assertThat(transactions.inTransaction(() -> subscriptions.signingSecrets(ROTATED_BEFORE, DURING_OVERLAP)))
                .containsExactly("whsec_second", "whsec_first");
            assertThat(transactions.inTransaction(() -> subscriptions.signingSecrets(ROTATED_AFTER, DURING_OVERLAP)))
                .containsExactly("whsec_new", "whsec_old");
            assertThat(transactions.inTransaction(() -> subscriptions.signingSecrets(ADDED_AFTER, DURING_OVERLAP)))
                .containsExactly("whsec_added");
            assertThat(transactions.inTransaction(() -> subscriptions.signingSecrets(ROTATED_BEFORE, OVERLAP_UNTIL)))
                .containsExactly("whsec_second");
        }
        assertThat(transactions.inTransaction(() -> retired.find(ROTATED_BEFORE)).orElseThrow().secretOverlapUntil())
            .contains(OVERLAP_UNTIL);
    }

    /** The first five bytes of every stored current and previous secret, in hex. */
    private List<String> storedPrefixes() {
        return transactions.inTransaction(() -> jdbc.prepareStatement("SELECT secret_ciphertext,"
            + " previous_secret_ciphertext FROM relay_subscription ORDER BY id", ps -> {
                List<String> prefixes = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int column = 1; column <= 2; column++) {
                            byte[] ciphertext = rs.getBytes(column);
                            if (ciphertext != null) {
                                prefixes.add(HexFormat.of().formatHex(Arrays.copyOf(ciphertext, 5)));
                            }
                        }
                    }
                }
                return prefixes;
            }));
    }

    private static SubscriptionId id(int n) {
        return SubscriptionId.of(UUID.fromString("00000000-0000-4000-8000-00000000000" + n));
    }

    private static RelaySubscription subscription(SubscriptionId id) {
        return RelaySubscription.create(id, "https://hooks.example.com/relay", new RelayFilter(
            Set.of(RelayEventType.INSTALLED), Set.of(MarketplaceAppId.of("app1")), Set.of(CompanyId.of("agency1"))),
            "CRM sync", T0);
    }
}
