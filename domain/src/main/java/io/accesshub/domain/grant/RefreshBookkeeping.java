package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the refresh engine tracks about a grant: the last successful refresh, the last attempt, consecutive
 * failures, and the fencing counter of refresh leases (each lease taken advances it; a new pair is saved only
 * while the fence still matches).
 */
public record RefreshBookkeeping(Optional<Instant> lastRefreshedAt, Optional<Instant> lastAttemptAt,
                                 int consecutiveFailures, long fence) {

    private static final RefreshBookkeeping NONE =
            new RefreshBookkeeping(Optional.empty(), Optional.empty(), 0, 0L);

    public RefreshBookkeeping {
        Objects.requireNonNull(lastRefreshedAt, "lastRefreshedAt");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        DomainException.require(consecutiveFailures >= 0, "consecutive failures must not be negative");
        DomainException.require(fence >= 0, "fence must not be negative");
    }

    /** A grant never refreshed nor attempted. */
    public static RefreshBookkeeping none() {
        return NONE;
    }

    RefreshBookkeeping succeededAt(Instant at) {
        return new RefreshBookkeeping(Optional.of(at), Optional.of(at), 0, fence);
    }
}
