package io.accesshub.adapter.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.accesshub.application.port.in.ApiKeySummary;
import io.accesshub.domain.access.ApiKeyDefinition;
import io.accesshub.domain.access.Permission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * An API key as listed: never the key. {@code key} is set only in the answer that created it.
 */
@Serdeable
public record ApiKeyResponse(String id, String name, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String key, List<String> permissions, List<String> apps,
                             List<String> companies, List<String> locations, @Nullable Instant createdAt,
                             @Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt,
                             boolean configured) {

    static ApiKeyResponse of(ApiKeySummary summary, @Nullable String key) {
        ApiKeyDefinition d = summary.definition();
        return new ApiKeyResponse(summary.id(), d.name(), key,
            d.permissions().stream().map(Permission::wireName).sorted().toList(),
            d.scope().apps().stream().map(Object::toString).sorted().toList(),
            d.scope().companies().stream().map(Object::toString).sorted().toList(),
            d.scope().locations().stream().map(Object::toString).sorted().toList(),
            summary.createdAt().orElse(null), d.expiresAt().orElse(null), summary.revokedAt().orElse(null),
            summary.lastUsedAt().orElse(null), summary.configured());
    }

    @Override
    public String toString() {
        return "ApiKeyResponse[" + id + ", " + name + "]";
    }
}
