package io.accesshub.adapter.persistence.grant;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.adapter.persistence.crypto.TokenCipher;
import io.accesshub.adapter.persistence.installation.InstallationKeys;
import io.accesshub.application.port.out.LeaseState;
import io.accesshub.application.port.out.RefreshLease;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.MarketplaceAppId;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link RefreshLeases} on the {@code token_grant} row: the lease, its fence, the attempt marker and the schedule live
 * next to the tokens; lease times come from {@code UTC_TIMESTAMP(6)} (the database clock, shared by all instances);
 * every write after acquiring is conditional on fence and owner, except the completion, which is conditional on the
 * stored refresh token's fingerprint. Each change also advances the row version, so that a concurrent optimistic
 * update of the grant cannot silently undo it. The rules (when to send, what to schedule) come from the caller.
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
    public Optional<LeaseState> inspect(InstallationId installationId) {
        return jdbc.prepareStatement("SELECT lease_until > UTC_TIMESTAMP(6) AS leased, attempt_in_flight,"
            + " GREATEST(0, TIMESTAMPDIFF(MICROSECOND, COALESCE(lease_until, last_attempt_at, UTC_TIMESTAMP(6)),"
            + " UTC_TIMESTAMP(6))) AS expired_us,"
            + " TIMESTAMPDIFF(MICROSECOND, last_attempt_at, UTC_TIMESTAMP(6)) AS attempt_age_us"
            + " FROM token_grant WHERE installation_id = ?", ps -> {
                ps.setString(1, installationId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    boolean leased = rs.getBoolean("leased");
                    boolean inFlight = rs.getBoolean("attempt_in_flight");
                    Duration expiredFor = leased ? Duration.ZERO : micros(rs.getLong("expired_us"));
                    long age = rs.getLong("attempt_age_us");
                    Optional<Duration> attemptAge = inFlight
                        ? Optional.of(rs.wasNull() ? Duration.ZERO : micros(age)) : Optional.empty();
                    return Optional.of(new LeaseState(leased, inFlight, expiredFor, attemptAge));
                }
            });
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
                        unfinished = Optional.of(rs.wasNull() ? Duration.ZERO : micros(age));
                    }
                    return Optional.of(new RefreshLease(installationId, owner, rs.getLong("refresh_fence"),
                        micros(rs.getLong("remaining_us")), DbTime.fromColumn(rs.getString("db_now")), unfinished));
                }
            });
    }

    @Override
    @Transactional
    public boolean recordAttempt(RefreshLease lease, Duration needed) {
        return jdbc.prepareStatement("UPDATE token_grant SET attempt_in_flight = TRUE,"
            + " last_attempt_at = UTC_TIMESTAMP(6), version = version + 1"
            + " WHERE installation_id = ? AND refresh_fence = ? AND lease_owner = ?"
            + " AND lease_until >= DATE_ADD(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND)", ps -> {
                ps.setString(1, lease.installationId().toString());
                ps.setLong(2, lease.fence());
                ps.setString(3, lease.owner());
                ps.setLong(4, needed.toNanos() / 1000);
                return ps.executeUpdate();
            }) == 1;
    }

    @Override
    @Transactional
    public Optional<RefreshLease> renew(RefreshLease lease, Duration leaseDuration) {
        int renewed = jdbc.prepareStatement("UPDATE token_grant"
            + " SET lease_until = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND), version = version + 1"
            + " WHERE installation_id = ? AND refresh_fence = ? AND lease_owner = ?", ps -> {
                ps.setLong(1, leaseDuration.toNanos() / 1000);
                ps.setString(2, lease.installationId().toString());
                ps.setLong(3, lease.fence());
                ps.setString(4, lease.owner());
                return ps.executeUpdate();
            });
        if (renewed != 1) {
            return Optional.empty();
        }
        return jdbc.prepareStatement("SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), lease_until) AS remaining_us,"
            + " CAST(UTC_TIMESTAMP(6) AS CHAR) AS db_now FROM token_grant"
            + " WHERE installation_id = ? AND refresh_fence = ? AND lease_owner = ?", ps -> {
                ps.setString(1, lease.installationId().toString());
                ps.setLong(2, lease.fence());
                ps.setString(3, lease.owner());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(lease.renewed(micros(rs.getLong("remaining_us")),
                        DbTime.fromColumn(rs.getString("db_now"))));
                }
            });
    }

    @Override
    @Transactional
    public boolean complete(InstallationId installationId, Optional<String> basisFingerprint, long fence,
                            Grant refreshed, Instant nextRefreshAt) {
        InstallationKey key = installationKeys.keyOf(refreshed.installationId()).orElseThrow(
            () -> new IllegalArgumentException("installation " + refreshed.installationId() + " is not stored"));
        GrantRow row = mapper.toRow(refreshed, key, refreshed.version(), nextRefreshAt);
        byte[] stored = GrantMapper.fingerprintOf(refreshed.refreshToken());
        return jdbc.prepareStatement("UPDATE token_grant SET source = ?, access_token_ciphertext = ?,"
            + " access_token_expires_at = ?, refresh_token_ciphertext = ?, issued_at = ?, encryption_key_id = ?,"
            + " scopes = ?, last_refreshed_at = ?, consecutive_failures = 0, attempt_in_flight = FALSE,"
            + " next_refresh_at = ?, refresh_token_fingerprint = ?,"
            + " lease_owner = NULL, lease_until = NULL, version = version + 1"
            + " WHERE installation_id = ? AND (refresh_token_fingerprint IN (?, ?)"
            + " OR (refresh_token_fingerprint IS NULL AND refresh_fence = ?))", ps -> {
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
                ps.setString(9, DbTime.toColumn(nextRefreshAt));
                ps.setBytes(10, stored);
                ps.setString(11, installationId.toString());
                ps.setBytes(12, GrantMapper.fingerprintOf(basisFingerprint.orElse(null)));
                ps.setBytes(13, stored);
                ps.setLong(14, fence);
                return ps.executeUpdate();
            }) == 1;
    }

    @Override
    @Transactional
    public void release(RefreshLease lease, boolean attemptSettled, Optional<Instant> retryAt) {
        jdbc.prepareStatement("UPDATE token_grant SET lease_owner = NULL, lease_until = NULL,"
            + " attempt_in_flight = CASE WHEN ? THEN FALSE ELSE attempt_in_flight END,"
            + " next_refresh_at = COALESCE(?, next_refresh_at),"
            + " consecutive_failures = consecutive_failures + ?, version = version + 1"
            + " WHERE installation_id = ? AND refresh_fence = ? AND lease_owner = ?", ps -> {
                ps.setBoolean(1, attemptSettled);
                ps.setString(2, retryAt.map(DbTime::toColumn).orElse(null));
                ps.setInt(3, retryAt.isPresent() ? 1 : 0);
                ps.setString(4, lease.installationId().toString());
                ps.setLong(5, lease.fence());
                ps.setString(6, lease.owner());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public void reschedule(RefreshLease lease, Instant nextRefreshAt) {
        jdbc.prepareStatement("UPDATE token_grant SET lease_owner = NULL, lease_until = NULL, next_refresh_at = ?,"
            + " version = version + 1 WHERE installation_id = ? AND refresh_fence = ? AND lease_owner = ?", ps -> {
                ps.setString(1, DbTime.toColumn(nextRefreshAt));
                ps.setString(2, lease.installationId().toString());
                ps.setLong(3, lease.fence());
                ps.setString(4, lease.owner());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public void park(RefreshLease lease) {
        jdbc.prepareStatement("UPDATE token_grant SET lease_owner = NULL, lease_until = NULL,"
            + " attempt_in_flight = FALSE, next_refresh_at = NULL, version = version + 1"
            + " WHERE installation_id = ? AND refresh_fence = ? AND lease_owner = ?", ps -> {
                ps.setString(1, lease.installationId().toString());
                ps.setLong(2, lease.fence());
                ps.setString(3, lease.owner());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public List<InstallationId> due(Instant now, Set<MarketplaceAppId> excludedApps, int limit) {
        String excluded = excludedApps.isEmpty() ? ""
            : " AND app_id NOT IN (" + excludedApps.stream().map(a -> "?").collect(Collectors.joining(",")) + ")";
        return jdbc.prepareStatement("SELECT installation_id FROM token_grant"
            + " WHERE next_refresh_at <= ?" + excluded
            + " AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6))"
            + " ORDER BY next_refresh_at LIMIT ?", ps -> {
                int i = 1;
                ps.setString(i++, DbTime.toColumn(now));
                for (MarketplaceAppId app : excludedApps) {
                    ps.setString(i++, app.value());
                }
                ps.setInt(i, limit);
                List<InstallationId> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(InstallationId.parse(rs.getString(1)));
                    }
                }
                return ids;
            });
    }

    @Override
    @Transactional
    public Optional<InstallationId> firstScheduled(MarketplaceAppId app) {
        return jdbc.prepareStatement("SELECT installation_id FROM token_grant"
            + " WHERE app_id = ? AND next_refresh_at IS NOT NULL ORDER BY next_refresh_at LIMIT 1", ps -> {
                ps.setString(1, app.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(InstallationId.parse(rs.getString(1))) : Optional.empty();
                }
            });
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1000);
    }
}
