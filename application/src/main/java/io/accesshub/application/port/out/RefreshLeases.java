package io.accesshub.application.port.out;

import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.InstallationId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Coordinates refreshes across threads and hub instances through the database: a lease per grant with a fencing
 * counter, times taken from the database clock. Every write is conditional on the fence, so a holder whose lease
 * expired (paused, slow) can no longer store anything.
 */
public interface RefreshLeases {

    /** Takes the grant's lease if it is free or expired; the fence moves forward. Empty when another holds it. */
    Optional<RefreshLease> acquire(InstallationId installationId, String owner, Duration leaseDuration);

    /** Marks that the grant's refresh token is about to be presented; false when the fence moved (lease lost). */
    boolean recordAttempt(RefreshLease lease);

    /** Stores the refreshed grant and frees the lease, only while the fence holds; false when it moved. */
    boolean complete(RefreshLease lease, Grant refreshed);

    /**
     * Frees the lease without a new pair. {@code attemptSettled} clears the attempt marker (an answer came back);
     * {@code retryNotBefore} delays the next proactive refresh (backoff).
     */
    void release(RefreshLease lease, boolean attemptSettled, Optional<Instant> retryNotBefore);

    /**
     * Grants whose access token expires before {@code accessTokenExpiringBefore} or whose pair was issued before
     * {@code issuedBefore}, not leased and not backing off (database clock), oldest expiry first.
     */
    List<InstallationId> due(Instant accessTokenExpiringBefore, Instant issuedBefore, int limit);
}
