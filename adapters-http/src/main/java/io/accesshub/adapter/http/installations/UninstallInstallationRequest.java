package io.accesshub.adapter.http.installations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The optional body of {@code DELETE /api/v1/installations/{id}}: why the app is removed, sent to HighLevel. */
@Serdeable
public record UninstallInstallationRequest(@Nullable String reason) {
}
