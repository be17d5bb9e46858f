package io.accesshub.adapter.http.admin;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Every API key, configured ones first. */
@Serdeable
public record ApiKeyListResponse(List<ApiKeyResponse> items) {
}
