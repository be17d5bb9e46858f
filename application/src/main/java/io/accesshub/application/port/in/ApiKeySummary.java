package io.accesshub.application.port.in;

import io.accesshub.domain.access.ApiKeyDefinition;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key as operators see it: never the key itself.
 *
 * @param id         the id to revoke it with; a configured key's id is {@code config:<name>}
 * @param definition name, permissions, scope, expiry
 * @param createdAt  when it was created (empty for a configured key)
 * @param revokedAt  when it was revoked, if it was
 * @param lastUsedAt the last minute it was used (on this instance for a configured key)
 * @param configured whether it comes from {@code ACCESSHUB_API_KEYS} and cannot be revoked through the API
 */
public record ApiKeySummary(String id, ApiKeyDefinition definition, Optional<Instant> createdAt,
                            Optional<Instant> revokedAt, Optional<Instant> lastUsedAt, boolean configured) {

    public ApiKeySummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }
}
