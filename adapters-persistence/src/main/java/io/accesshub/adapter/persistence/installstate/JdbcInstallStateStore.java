package io.accesshub.adapter.persistence.installstate;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.InstallStateStore;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link InstallStateStore} on the {@code install_state} table: consumption is one conditional update, so two
 * callbacks presenting the same state cannot both win. Stale rows are purged a day after they expire.
 */
@Singleton
public class JdbcInstallStateStore implements InstallStateStore {

    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final JdbcOperations jdbc;

    public JdbcInstallStateStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void save(String stateHash, MarketplaceAppId app, Instant expiresAt) {
        jdbc.prepareStatement("DELETE FROM install_state WHERE expires_at < ?", ps -> {
            ps.setString(1, DbTime.toColumn(expiresAt.minus(KEEP_EXPIRED)));
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("INSERT INTO install_state (state_hash, app_id, expires_at) VALUES (?, ?, ?)", ps -> {
            ps.setString(1, stateHash);
            ps.setString(2, app.value());
            ps.setString(3, DbTime.toColumn(expiresAt));
            return ps.executeUpdate();
        });
    }

    @Override
    @Transactional
    public StateConsumption consume(String stateHash, Instant now) {
        String at = DbTime.toColumn(now);
        int consumed = jdbc.prepareStatement("UPDATE install_state SET used_at = ? WHERE state_hash = ?"
            + " AND used_at IS NULL AND expires_at > ?", ps -> {
                ps.setString(1, at);
                ps.setString(2, stateHash);
                ps.setString(3, at);
                return ps.executeUpdate();
            });
        return jdbc.prepareStatement("SELECT app_id, CAST(used_at AS CHAR) AS used_at FROM install_state"
            + " WHERE state_hash = ?", ps -> {
                ps.setString(1, stateHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new StateConsumption.Unknown();
                    }
                    if (consumed == 1) {
                        return new StateConsumption.Consumed(MarketplaceAppId.of(rs.getString("app_id")));
                    }
                    return rs.getString("used_at") != null ? new StateConsumption.AlreadyUsed()
                        : new StateConsumption.Expired();
                }
            });
    }
}
