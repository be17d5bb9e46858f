package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A held refresh lease: the fence it was taken with, how long it still lasts by the database clock, and — when a
 * previous holder recorded an attempt but never stored its outcome — when that attempt was made.
 *
 * @param unfinishedAttemptAge how long ago (database clock) the unfinished attempt was recorded, if there is one
 */
public record RefreshLease(InstallationId installationId, String owner, long fence, Duration remaining,
                           Instant databaseNow, Optional<Duration> unfinishedAttemptAge) {

    /** The same lease with {@code remaining} left, as renewed at {@code databaseNow}. */
    public RefreshLease renewed(Duration newRemaining, Instant newDatabaseNow) {
        return new RefreshLease(installationId, owner, fence, newRemaining, newDatabaseNow, unfinishedAttemptAge);
    }

    public RefreshLease {
        Objects.requireNonNull(installationId, "installationId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(databaseNow, "databaseNow");
        Objects.requireNonNull(unfinishedAttemptAge, "unfinishedAttemptAge");
    }
}
