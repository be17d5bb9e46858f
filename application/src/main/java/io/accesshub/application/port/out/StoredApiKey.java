package io.accesshub.application.port.out;

import io.accesshub.domain.access.ApiKeyDefinition;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key as the hub keeps it: never the key itself, only its SHA-256.
 *
 * @param id         stable id, used to revoke
 * @param definition name, permissions, scope, expiry
 * @param sha256Hex  SHA-256 of the key, lower-case hex
 * @param createdAt  when it was created
 * @param revokedAt  when it was revoked, if it was
 * @param lastUsedAt the last minute it authenticated a request, if ever
 */
public record StoredApiKey(String id, ApiKeyDefinition definition, String sha256Hex, Instant createdAt,
                           Optional<Instant> revokedAt, Optional<Instant> lastUsedAt) {

    public StoredApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }
}
