package io.accesshub.adapter.persistence.grant;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.adapter.persistence.crypto.TokenCipher;
import io.accesshub.adapter.persistence.installation.InstallationKeys;
import io.accesshub.application.port.out.RefreshLease;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link RefreshLeases} on the {@code token_grant} row: the lease, its fence and the attempt marker live next to the
 * tokens, every time comes from {@code UTC_TIMESTAMP(6)} (the database clock, shared by all instances), and every
 * write after acquiring is conditional on fence and owner. Each change also advances the row version, so a
 * concurrent optimistic update of the grant cannot silently undo it.
 */
@Singleton
public class JdbcRefreshLeases implements RefreshLeases {

    private final JdbcOperations jdbc;
    private final InstallationKeys installationKeys;
    private final GrantMapper mapper;

    JdbcRefreshLeases(JdbcOperations jdbc, InstallationKeys installationKeys, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.installationKeys = installationKeys;
        this.mapper = new GrantMapper(cipher);
    }

    @Override
    @Transactional
    public Optional<RefreshLease> acquire(InstallationId installationId, String owner, Duration leaseDuration) {
        String id = installationId.toString();
        int taken = jdbc.prepareStatement("UPDATE token_grant SET lease_owner = ?,"
            + " lease_until = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND),"
            + " refresh_fence = refresh_fence + 1, version = version + 1"
            + " WHERE installation_id = ? AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6))", ps -> {
                ps.setString(1, owner);
                ps.setLong(2, leaseDuration.toNanos() / 1000);
                ps.setString(3, id);
                return ps.executeUpdate();
            });
        if (taken != 1) {
            return Optional.empty();
        }
        return jdbc.prepareStatement("SELECT refresh_fence,"
            + " TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), lease_until) AS remaining_us,"
            + " CAST(UTC_TIMESTAMP(6) AS CHAR) AS db_now, attempt_in_flight,"
            + " TIMESTAMPDIFF(MICROSECOND, last_attempt_at, UTC_TIMESTAMP(6)) AS attempt_age_us"
            + " FROM token_grant WHERE installation_id = ? AND lease_owner = ?", ps -> {
                ps.setString(1, id);
                ps.setString(2, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Optional<Duration> unfinished = Optional.empty();
                    if (rs.getBoolean("attempt_in_flight")) {
                        long age = rs.getLong("attempt_age_us");
                        unfinished = Optional.of(rs.wasNull() ? Duration.ZERO : Duration.ofNanos(age * 1000));
                    }
                    return Optional.of(new RefreshLease(installationId, owner, rs.getLong("refresh_fence"),
                        Duration.ofNanos(rs.getLong("remaining_us") * 1000), DbTime.fromColumn(rs.getString("db_now")),
                        unfinished));
                }
            });
    }

    @Override
    @Transactional
    public boolean recordAttempt(RefreshLease lease) {
        return jdbc.prepareStatement("UPDATE token_grant SET attempt_in_flight = TRUE,"
            + " last_attempt_at = UTC_TIMESTAMP(6), version = version + 1"
            + " WHERE installation_id = ? AND refresh_fence = ? AND lease_owner = ?"
            + " AND lease_until > UTC_TIMESTAMP(6)", ps -> {
                ps.setString(1, lease.installationId().toString());
                ps.setLong(2, lease.fence());
                ps.setString(3, lease.owner());
                return ps.executeUpdate();
            }) == 1;
    }

    @Override
    @Transactional
    public boolean complete(RefreshLease lease, Grant refreshed) {
        InstallationKey key = installationKeys.keyOf(refreshed.installationId()).orElseThrow(
            () -> new IllegalArgumentException("installation " + refreshed.installationId() + " is not stored"));
        GrantRow row = mapper.toRow(refreshed, key, refreshed.version());
        return jdbc.prepareStatement("UPDATE token_grant SET source = ?, access_token_ciphertext = ?,"
            + " access_token_expires_at = ?, refresh_token_ciphertext = ?, issued_at = ?, encryption_key_id = ?,"
            + " scopes = ?, last_refreshed_at = ?, consecutive_failures = 0, attempt_in_flight = FALSE,"
            + " retry_not_before = NULL, lease_owner = NULL, lease_until = NULL, version = version + 1"
            + " WHERE installation_id = ? AND refresh_fence = ? AND lease_owner = ?", ps -> {
                ps.setString(1, row.source());
                ps.setBytes(2, row.accessTokenCiphertext());
                ps.setString(3, DbTime.toColumn(row.accessTokenExpiresAt()));
                if (row.refreshTokenCiphertext() == null) {
                    ps.setNull(4, Types.BLOB);
                } else {
                    ps.setBytes(4, row.refreshTokenCiphertext());
                }
                ps.setString(5, DbTime.toColumn(row.issuedAt()));
                ps.setLong(6, row.encryptionKeyId());
                ps.setString(7, row.scopes());
                ps.setString(8, DbTime.toColumn(row.lastRefreshedAt() == null ? row.issuedAt()
                    : row.lastRefreshedAt()));
                ps.setString(9, lease.installationId().toString());
                ps.setLong(10, lease.fence());
                ps.setString(11, lease.owner());
                return ps.executeUpdate();
            }) == 1;
    }

    @Override
    @Transactional
    public void release(RefreshLease lease, boolean attemptSettled, Optional<Instant> retryNotBefore) {
        jdbc.prepareStatement("UPDATE token_grant SET lease_owner = NULL, lease_until = NULL,"
            + " attempt_in_flight = CASE WHEN ? THEN FALSE ELSE attempt_in_flight END,"
            + " retry_not_before = ?, consecutive_failures = consecutive_failures + ?, version = version + 1"
            + " WHERE installation_id = ? AND refresh_fence = ? AND lease_owner = ?", ps -> {
                ps.setBoolean(1, attemptSettled);
                ps.setString(2, retryNotBefore.map(DbTime::toColumn).orElse(null));
                ps.setInt(3, retryNotBefore.isPresent() ? 1 : 0);
                ps.setString(4, lease.installationId().toString());
                ps.setLong(5, lease.fence());
                ps.setString(6, lease.owner());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public List<InstallationId> due(Instant accessTokenExpiringBefore, Instant issuedBefore, int limit) {
        return jdbc.prepareStatement("SELECT installation_id FROM token_grant"
            + " WHERE (access_token_expires_at < ? OR issued_at < ?)"
            + " AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6))"
            + " AND (retry_not_before IS NULL OR retry_not_before < UTC_TIMESTAMP(6))"
            + " ORDER BY access_token_expires_at LIMIT ?", ps -> {
                ps.setString(1, DbTime.toColumn(accessTokenExpiringBefore));
                ps.setString(2, DbTime.toColumn(issuedBefore));
                ps.setInt(3, limit);
                List<InstallationId> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(InstallationId.parse(rs.getString(1)));
                    }
                }
                return ids;
            });
    }
}
