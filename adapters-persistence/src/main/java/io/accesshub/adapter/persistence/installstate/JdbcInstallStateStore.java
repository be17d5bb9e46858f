package io.accesshub.adapter.persistence.installstate;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.InstallStateStore;
import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link InstallStateStore} on the {@code install_state} table: consumption is one conditional update (state, browser,
 * unused, unexpired), so two callbacks presenting the same state cannot both win and another browser's callback
 * changes nothing. Expired rows are purged in batches by the {@code ix_install_state_expiry} index.
 */
@Singleton
public class JdbcInstallStateStore implements InstallStateStore {

    private final JdbcOperations jdbc;

    public JdbcInstallStateStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void save(PendingInstall pending) {
        jdbc.prepareStatement("INSERT INTO install_state (state_hash, app_id, browser_hash, install_ref, expires_at)"
            + " VALUES (?, ?, ?, ?, ?)", ps -> {
                ps.setString(1, pending.stateHash());
                ps.setString(2, pending.app().value());
                ps.setString(3, pending.browserHash());
                ps.setString(4, pending.ref().map(InstallReference::value).orElse(null));
                ps.setString(5, DbTime.toColumn(pending.expiresAt()));
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public StateConsumption consume(String stateHash, String browserHash, Instant now) {
        String at = DbTime.toColumn(now);
        int consumed = jdbc.prepareStatement("UPDATE install_state SET used_at = ? WHERE state_hash = ?"
            + " AND browser_hash = ? AND used_at IS NULL AND expires_at > ?", ps -> {
                ps.setString(1, at);
                ps.setString(2, stateHash);
                ps.setString(3, browserHash);
                ps.setString(4, at);
                return ps.executeUpdate();
            });
        return jdbc.prepareStatement("SELECT app_id, browser_hash, install_ref, CAST(used_at AS CHAR) AS used_at"
            + " FROM install_state WHERE state_hash = ?", ps -> {
                ps.setString(1, stateHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new StateConsumption.Unknown();
                    }
                    if (consumed == 1) {
                        return new StateConsumption.Consumed(MarketplaceAppId.of(rs.getString("app_id")),
                            Optional.ofNullable(rs.getString("install_ref")).map(InstallReference::of));
                    }
                    if (!browserHash.equals(rs.getString("browser_hash"))) {
                        return new StateConsumption.OtherBrowser();
                    }
                    return rs.getString("used_at") != null ? new StateConsumption.AlreadyUsed()
                        : new StateConsumption.Expired();
                }
            });
    }

    @Override
    @Transactional
    public int purgeExpired(Instant expiredBefore, int limit) {
        return jdbc.prepareStatement("DELETE FROM install_state WHERE expires_at < ? ORDER BY expires_at LIMIT ?",
            ps -> {
                ps.setString(1, DbTime.toColumn(expiredBefore));
                ps.setInt(2, limit);
                return ps.executeUpdate();
            });
    }
}
