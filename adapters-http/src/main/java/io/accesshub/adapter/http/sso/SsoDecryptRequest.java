package io.accesshub.adapter.http.sso;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code POST /api/v1/sso/decrypt}: the encrypted payload exactly as the custom page received it. */
@Serdeable
public record SsoDecryptRequest(@Nullable String payload) {
}
