package io.accesshub.adapter.persistence.grant;

import io.accesshub.adapter.persistence.ConstraintViolations;
import io.accesshub.adapter.persistence.crypto.TokenCipher;
import io.accesshub.adapter.persistence.installation.InstallationKeys;
import io.accesshub.application.port.out.AlreadyExistsException;
import io.accesshub.application.port.out.ConcurrentUpdateException;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.RefreshTiming;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * {@link GrantRepository} on the {@code token_grant} table: tokens encrypted with the {@link TokenCipher} on write
 * and decrypted on read, each ciphertext bound to the installation's app, company, location and token kind;
 * changes are conditional updates on the version. Every write schedules the grant's next proactive refresh by the
 * domain's {@link RefreshTiming} and stores the refresh token's fingerprint.
 */
@Singleton
public class JdbcGrantRepository implements GrantRepository {

    private final GrantRowRepository rows;
    private final InstallationKeys installationKeys;
    private final GrantMapper mapper;
    private final RefreshTiming timing;

    JdbcGrantRepository(GrantRowRepository rows, InstallationKeys installationKeys, TokenCipher cipher,
                        RefreshTiming timing) {
        this.rows = rows;
        this.installationKeys = installationKeys;
        this.mapper = new GrantMapper(cipher);
        this.timing = timing;
    }

    @Override
    public Optional<Grant> findByInstallationId(InstallationId installationId) {
        return rows.findById(installationId.toString()).map(mapper::toDomain);
    }

    @Override
    public Grant add(Grant grant) {
        if (grant.version() != 0) {
            throw new IllegalArgumentException("a new grant has version 0, not " + grant.version());
        }
        InstallationKey key = keyOf(grant.installationId());
        try {
            rows.save(mapper.toRow(grant, key, 0L, timing.dueAt(grant)));
            return grant;
        } catch (DataAccessException e) {
            if (ConstraintViolations.isDuplicateKey(e)) {
                throw new AlreadyExistsException("installation " + grant.installationId() + " already has a grant", e);
            }
            if (ConstraintViolations.isMissingParent(e)) {
                throw new IllegalArgumentException("installation " + grant.installationId() + " is not stored", e);
            }
            throw e;
        }
    }

    @Override
    public Grant update(Grant grant) {
        Optional<InstallationKey> key = installationKeys.keyOf(grant.installationId());
        if (key.isEmpty()) {
            throw notStored(grant);
        }
        GrantRow row = mapper.toRow(grant, key.get(), grant.version(), timing.dueAt(grant));
        int updated = rows.updateIfVersion(row.installationId(), grant.version(), row.source(),
                row.accessTokenCiphertext(), row.accessTokenExpiresAt(), row.refreshTokenCiphertext(),
                row.issuedAt(), row.encryptionKeyId(), row.scopes(), row.lastRefreshedAt(), row.lastAttemptAt(),
                row.consecutiveFailures(), row.refreshFence(), row.nextRefreshAt(), row.refreshTokenFingerprint());
        if (updated != 1) {
            throw notStored(grant);
        }
        return Grant.rehydrate(grant.installationId(), grant.source(), grant.accessToken(),
                grant.accessTokenExpiresAt(), grant.refreshToken(), grant.issuedAt(), grant.scopes(),
                grant.bookkeeping(), grant.version() + 1);
    }

    @Override
    public boolean deleteByInstallationId(InstallationId installationId) {
        return rows.deleteById(installationId.toString()) > 0;
    }

    private InstallationKey keyOf(InstallationId installationId) {
        return installationKeys.keyOf(installationId).orElseThrow(
                () -> new IllegalArgumentException("installation " + installationId + " is not stored"));
    }

    private static ConcurrentUpdateException notStored(Grant grant) {
        return new ConcurrentUpdateException("the grant of installation " + grant.installationId()
                + " is not stored with version " + grant.version());
    }
}
