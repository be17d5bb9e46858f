package io.accesshub.adapter.http.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Body of {@code POST /api/v1/admin/api-keys}; {@code expiresAt} is ISO-8601 with a zone or offset. */
@Serdeable
public record CreateApiKeyRequest(@Nullable String name, @Nullable List<String> permissions,
                                  @Nullable List<String> apps, @Nullable List<String> companies,
                                  @Nullable List<String> locations, @Nullable String expiresAt) {
}
