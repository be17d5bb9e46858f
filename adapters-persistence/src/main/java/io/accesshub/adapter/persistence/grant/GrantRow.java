package io.accesshub.adapter.persistence.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import io.accesshub.adapter.persistence.UtcTimestamp;
import java.time.Instant;

/**
 * One row of the {@code token_grant} table: tokens only as ciphertext, the installation key copied for the
 * ciphertexts' associated data, times in UTC.
 */
@MappedEntity("token_grant")
public record GrantRow(
        @Id String installationId,
        String appId,
        String companyId,
        String locationKey,
        String source,
        byte[] accessTokenCiphertext,
        @UtcTimestamp Instant accessTokenExpiresAt,
        @Nullable byte[] refreshTokenCiphertext,
        @UtcTimestamp Instant issuedAt,
        long encryptionKeyId,
        String scopes,
        @Nullable @UtcTimestamp Instant lastRefreshedAt,
        @Nullable @UtcTimestamp Instant lastAttemptAt,
        int consecutiveFailures,
        long refreshFence,
        @Nullable String leaseOwner,
        @Nullable @UtcTimestamp Instant leaseUntil,
        @Nullable @UtcTimestamp Instant nextRefreshAt,
        @Nullable byte[] refreshTokenFingerprint,
        @Version Long version) {

    @Override
    public String toString() {
        return "GrantRow[" + installationId + " v" + version + "]";
    }
}
