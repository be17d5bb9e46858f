package io.accesshub.adapter.persistence.relay;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.adapter.persistence.crypto.TokenBinding;
import io.accesshub.adapter.persistence.crypto.TokenCipher;
import io.accesshub.application.port.out.RelaySubscriptions;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.relay.FailureStreak;
import io.accesshub.domain.relay.RelayEventType;
import io.accesshub.domain.relay.RelayFilter;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.domain.relay.SubscriptionState;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link RelaySubscriptions} on the {@code relay_subscription} table. Secrets are encrypted with the token keyset,
 * bound to their subscription id (a ciphertext copied into another subscription's row fails to decrypt); a rotation
 * moves the current ciphertext into the previous-secret column unchanged, which keeps it valid as the binding is the
 * same. Streak changes are single conditional updates, so concurrent attempts never lose a count.
 */
@Singleton
public class JdbcRelaySubscriptions implements RelaySubscriptions {

    private static final String COLUMNS = "id, url, event_types, apps, companies, description, state,"
        + " CAST(created_at AS CHAR) AS created, CAST(state_changed_at AS CHAR) AS state_changed, failures,"
        + " CAST(failing_since AS CHAR) AS failing, CAST(previous_secret_until AS CHAR) AS previous_until";

    private final JdbcOperations jdbc;
    private final TokenCipher cipher;

    public JdbcRelaySubscriptions(JdbcOperations jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    @Transactional
    public void add(RelaySubscription subscription, String secret) {
        byte[] ciphertext = encrypt(subscription.id(), secret);
        jdbc.prepareStatement("INSERT INTO relay_subscription (id, url, event_types, apps, companies, description,"
            + " state, created_at, state_changed_at, failures, failing_since, secret_ciphertext,"
            + " previous_secret_ciphertext, previous_secret_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
            ps -> {
                RelayFilter filter = subscription.filter();
                ps.setString(1, subscription.id().toString());
                ps.setString(2, subscription.url());
                ps.setString(3, joined(filter.eventTypes(), RelayEventType::wireName));
                ps.setString(4, joined(filter.apps(), MarketplaceAppId::value));
                ps.setString(5, joined(filter.companies(), CompanyId::value));
                ps.setString(6, subscription.description());
                ps.setString(7, subscription.state().name());
                ps.setString(8, DbTime.toColumn(subscription.createdAt()));
                ps.setString(9, DbTime.toColumn(subscription.stateChangedAt()));
                ps.setInt(10, subscription.failures().failures());
                ps.setString(11, subscription.failures().since().map(DbTime::toColumn).orElse(null));
                ps.setBytes(12, ciphertext);
                ps.setString(13, subscription.secretOverlapUntil().map(DbTime::toColumn).orElse(null));
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public Optional<RelaySubscription> find(SubscriptionId id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM relay_subscription WHERE id = ?", ps -> {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    @Override
    @Transactional
    public List<RelaySubscription> all() {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM relay_subscription ORDER BY created_at, id", ps -> {
            List<RelaySubscription> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
            return found;
        });
    }

    @Override
    @Transactional
    public Optional<RelaySubscription> changeState(SubscriptionId id, SubscriptionState state, Instant now) {
        boolean resume = state == SubscriptionState.ACTIVE;
        jdbc.prepareStatement("UPDATE relay_subscription SET state = ?, state_changed_at = ?,"
            + " failures = IF(?, 0, failures), failing_since = IF(?, NULL, failing_since) WHERE id = ?", ps -> {
                ps.setString(1, state.name());
                ps.setString(2, DbTime.toColumn(now));
                ps.setBoolean(3, resume);
                ps.setBoolean(4, resume);
                ps.setString(5, id.toString());
                return ps.executeUpdate();
            });
        return find(id);
    }

    @Override
    @Transactional
    public boolean autoPause(SubscriptionId id, Instant now) {
        return jdbc.prepareStatement("UPDATE relay_subscription SET state = ?, state_changed_at = ?"
            + " WHERE id = ? AND state = ?", ps -> {
                ps.setString(1, SubscriptionState.AUTO_PAUSED.name());
                ps.setString(2, DbTime.toColumn(now));
                ps.setString(3, id.toString());
                ps.setString(4, SubscriptionState.ACTIVE.name());
                return ps.executeUpdate();
            }) > 0;
    }

    /** Counts the failure with one update and reads the streak back under its row lock; none when it is gone. */
    @Override
    @Transactional
    public FailureStreak recordFailure(SubscriptionId id, Instant now) {
        jdbc.prepareStatement("UPDATE relay_subscription SET failures = failures + 1,"
            + " failing_since = COALESCE(failing_since, ?) WHERE id = ?", ps -> {
                ps.setString(1, DbTime.toColumn(now));
                ps.setString(2, id.toString());
                return ps.executeUpdate();
            });
        return jdbc.prepareStatement("SELECT failures, CAST(failing_since AS CHAR) FROM relay_subscription"
            + " WHERE id = ? FOR UPDATE", ps -> {
                ps.setString(1, id.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? streak(rs.getInt(1), rs.getString(2)) : FailureStreak.NONE;
                }
            });
    }

    @Override
    @Transactional
    public void recordSuccess(SubscriptionId id) {
        jdbc.prepareStatement("UPDATE relay_subscription SET failures = 0, failing_since = NULL"
            + " WHERE id = ? AND failures <> 0", ps -> {
                ps.setString(1, id.toString());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public boolean rotateSecret(SubscriptionId id, String secret, Instant overlapUntil) {
        byte[] ciphertext = encrypt(id, secret);
        // assignments run left to right: the previous secret takes the current one before it is replaced
        return jdbc.prepareStatement("UPDATE relay_subscription SET previous_secret_ciphertext = secret_ciphertext,"
            + " secret_ciphertext = ?, previous_secret_until = ? WHERE id = ?", ps -> {
                ps.setBytes(1, ciphertext);
                ps.setString(2, DbTime.toColumn(overlapUntil));
                ps.setString(3, id.toString());
                return ps.executeUpdate();
            }) > 0;
    }

    @Override
    @Transactional
    public List<String> signingSecrets(SubscriptionId id, Instant now) {
        List<byte[]> ciphertexts = jdbc.prepareStatement("SELECT secret_ciphertext,"
            + " IF(previous_secret_until > ?, previous_secret_ciphertext, NULL) FROM relay_subscription WHERE id = ?",
            ps -> {
                ps.setString(1, DbTime.toColumn(now));
                ps.setString(2, id.toString());
                List<byte[]> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found.add(rs.getBytes(1));
                        Optional.ofNullable(rs.getBytes(2)).ifPresent(found::add);
                    }
                }
                return found;
            });
        TokenBinding binding = TokenBinding.forRelaySecret(id.toString());
        return ciphertexts.stream().map(ciphertext -> cipher.decrypt(ciphertext, binding)).toList();
    }

    /**
     * Deletes the subscription row first: a concurrent {@code enqueue} (which reads it) then waits and queues
     * nothing; its deliveries and attempts go after, in the same transaction.
     */
    @Override
    @Transactional
    public boolean delete(SubscriptionId id) {
        int deleted = deleteWhere("DELETE FROM relay_subscription WHERE id = ?", id);
        deleteWhere("DELETE FROM relay_delivery WHERE subscription_id = ?", id);
        deleteWhere("DELETE FROM relay_attempt WHERE subscription_id = ?", id);
        return deleted > 0;
    }

    private int deleteWhere(String sql, SubscriptionId id) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, id.toString());
            return ps.executeUpdate();
        });
    }

    private byte[] encrypt(SubscriptionId id, String secret) {
        return cipher.encrypt(secret, TokenBinding.forRelaySecret(id.toString())).ciphertext();
    }

    private static RelaySubscription read(ResultSet rs) throws SQLException {
        Set<RelayEventType> types = split(rs.getString("event_types")).stream().map(RelayEventType::fromWireName)
            .flatMap(Optional::stream).collect(Collectors.toSet());
        Set<MarketplaceAppId> apps = split(rs.getString("apps")).stream().map(MarketplaceAppId::of)
            .collect(Collectors.toSet());
        Set<CompanyId> companies = split(rs.getString("companies")).stream().map(CompanyId::of)
            .collect(Collectors.toSet());
        return new RelaySubscription(SubscriptionId.parse(rs.getString("id")), rs.getString("url"),
            new RelayFilter(types, apps, companies), rs.getString("description"),
            SubscriptionState.valueOf(rs.getString("state")), DbTime.fromColumn(rs.getString("created")),
            DbTime.fromColumn(rs.getString("state_changed")), streak(rs.getInt("failures"), rs.getString("failing")),
            Optional.ofNullable(DbTime.fromColumn(rs.getString("previous_until"))));
    }

    private static FailureStreak streak(int failures, String since) {
        return failures == 0 || since == null ? FailureStreak.NONE
            : new FailureStreak(failures, Optional.of(DbTime.fromColumn(since)));
    }

    private static <T> String joined(Collection<T> values, Function<T, String> name) {
        return values.stream().map(name).sorted().collect(Collectors.joining(","));
    }

    private static List<String> split(String column) {
        return column == null || column.isEmpty() ? List.of()
            : Arrays.stream(column.split(",")).filter(part -> !part.isEmpty()).toList();
    }
}
