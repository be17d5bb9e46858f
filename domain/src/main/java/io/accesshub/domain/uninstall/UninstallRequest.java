package io.accesshub.domain.uninstall;

import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A developer's request to remove the app from one installation, kept until HighLevel has confirmed it and the hub
 * has recorded it: how often it was tried, when it is tried next and why the last attempt failed (never a token).
 */
public record UninstallRequest(InstallationId installationId, UninstallReason reason, Instant requestedAt,
                               int attempts, Instant nextAttemptAt, Optional<UninstallFailure> lastFailure) {

    public UninstallRequest {
        Objects.requireNonNull(installationId, "installationId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastFailure, "lastFailure");
        DomainException.require(attempts >= 0, "attempts must not be negative");
    }

    /** A new request, due at once. */
    public static UninstallRequest requested(InstallationId installationId, UninstallReason reason, Instant now) {
        return new UninstallRequest(installationId, reason, now, 0, now, Optional.empty());
    }

    /** The request after one more failed attempt at {@code now}: due again after {@link UninstallBackoff}. */
    public UninstallRequest failed(UninstallFailure failure, Optional<Duration> retryAfter, Instant now) {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(now, "now");
        int failures = attempts + 1;
        return new UninstallRequest(installationId, reason, requestedAt, failures,
            now.plus(UninstallBackoff.after(failures, retryAfter)), Optional.of(failure));
    }
}
