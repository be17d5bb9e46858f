package io.accesshub.domain.uninstall;

import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A developer's request to remove the app from one installation, kept until HighLevel has confirmed it and the hub
 * has recorded it: how often it was tried, when it is tried next, why the last attempt failed (never a token) and
 * whether a call to HighLevel may already have been sent for it ({@code sent}, stored before the first call), which
 * is what lets revoked credentials count as a lost answer rather than as a failure, and whether it is parked (tried no
 * more until repeated, see {@link UninstallBackoff#PARK_AFTER}).
 */
public record UninstallRequest(InstallationId installationId, UninstallReason reason, Instant requestedAt,
                               int attempts, Instant nextAttemptAt, Optional<UninstallFailure> lastFailure,
                               boolean sent, boolean parked) {

    public UninstallRequest {
        Objects.requireNonNull(installationId, "installationId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastFailure, "lastFailure");
        DomainException.require(attempts >= 0, "attempts must not be negative");
    }

    /** A request for which no call was sent yet. */
    public UninstallRequest(InstallationId installationId, UninstallReason reason, Instant requestedAt, int attempts,
                            Instant nextAttemptAt, Optional<UninstallFailure> lastFailure) {
        this(installationId, reason, requestedAt, attempts, nextAttemptAt, lastFailure, false, false);
    }

    /** A new request, due at once. */
    public static UninstallRequest requested(InstallationId installationId, UninstallReason reason, Instant now) {
        return new UninstallRequest(installationId, reason, now, 0, now, Optional.empty());
    }

    /** The request once a call to HighLevel may have been sent for it (recorded before sending). */
    public UninstallRequest sending() {
        return sent ? this : new UninstallRequest(installationId, reason, requestedAt, attempts, nextAttemptAt,
            lastFailure, true, parked);
    }

    /**
     * The request after one more failed attempt at {@code now}: due again after {@link UninstallBackoff}, or parked
     * when the failure needs someone to act and {@link UninstallBackoff#PARK_AFTER} attempts have failed.
     */
    public UninstallRequest failed(UninstallFailure failure, Optional<Duration> retryAfter, Instant now) {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(now, "now");
        int failures = attempts + 1;
        return new UninstallRequest(installationId, reason, requestedAt, failures,
            now.plus(UninstallBackoff.after(failures, retryAfter)), Optional.of(failure), sent,
            failure.needsAction() && failures >= UninstallBackoff.PARK_AFTER);
    }
}
