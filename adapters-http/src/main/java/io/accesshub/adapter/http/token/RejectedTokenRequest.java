package io.accesshub.adapter.http.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of a rejected-token report: the SHA-256 (hex) of the access token HighLevel answered 401 to. */
@Serdeable
public record RejectedTokenRequest(@Nullable String tokenSha256) {
}
