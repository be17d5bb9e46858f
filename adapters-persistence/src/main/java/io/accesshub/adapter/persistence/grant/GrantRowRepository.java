package io.accesshub.adapter.persistence.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Micronaut Data access to {@code token_grant} (parameters named like row properties use their converters). Changes go through {@link #updateIfVersion}, a conditional update
 * that advances the version and leaves the lease columns (owned by the refresh engine) alone.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface GrantRowRepository extends GenericRepository<GrantRow, String> {

    GrantRow save(GrantRow row);

    Optional<GrantRow> findById(String installationId);

    Optional<GrantRow> findByIdForUpdate(String installationId);

    int deleteById(String installationId);

    @Query("UPDATE token_grant SET source = :source, access_token_ciphertext = :accessTokenCiphertext,"
            + " access_token_expires_at = :accessTokenExpiresAt, refresh_token_ciphertext = :refreshTokenCiphertext,"
            + " issued_at = :issuedAt, encryption_key_id = :encryptionKeyId, scopes = :scopes,"
            + " last_refreshed_at = :lastRefreshedAt, last_attempt_at = :lastAttemptAt,"
            + " consecutive_failures = :consecutiveFailures, refresh_fence = :refreshFence,"
            + " next_refresh_at = :nextRefreshAt, refresh_token_fingerprint = :refreshTokenFingerprint,"
            + " version = version + 1"
            + " WHERE installation_id = :installationId AND version = :version")
    int updateIfVersion(String installationId, long version, String source, byte[] accessTokenCiphertext,
                        Instant accessTokenExpiresAt, @Nullable byte[] refreshTokenCiphertext,
                        Instant issuedAt, long encryptionKeyId, String scopes,
                        @Nullable Instant lastRefreshedAt, @Nullable Instant lastAttemptAt,
                        int consecutiveFailures, long refreshFence, @Nullable Instant nextRefreshAt,
                        @Nullable byte[] refreshTokenFingerprint);

    @Query("SELECT * FROM token_grant WHERE encryption_key_id <> :primaryKeyId ORDER BY installation_id LIMIT :limit")
    List<GrantRow> findNotEncryptedWith(long primaryKeyId, int limit);

    @Query("SELECT COUNT(*) FROM token_grant WHERE encryption_key_id <> :primaryKeyId")
    long countNotEncryptedWith(long primaryKeyId);

    @Query("UPDATE token_grant SET access_token_ciphertext = :accessTokenCiphertext,"
            + " refresh_token_ciphertext = :refreshTokenCiphertext, encryption_key_id = :newKeyId"
            + " WHERE installation_id = :installationId AND version = :version AND encryption_key_id = :oldKeyId")
    int replaceCiphertexts(String installationId, long version, long oldKeyId, long newKeyId,
                           byte[] accessTokenCiphertext, @Nullable byte[] refreshTokenCiphertext);
}
