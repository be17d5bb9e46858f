package io.accesshub.application.port.out;

import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Coordinates refreshes across threads and hub instances through the database: a lease per grant with a fencing
 * counter and times from the database clock, an attempt marker set before a refresh token is sent, and completion
 * conditional on the refresh token that was presented (so a late answer is still stored when nobody rotated since).
 * The refresh engine decides; this port only applies its decisions, with no rules of its own.
 */
public interface RefreshLeases {

    /** What the grant's lease and attempt marker say now, without taking anything; empty when there is no grant. */
    Optional<LeaseState> inspect(InstallationId installationId);

    /** Takes the grant's lease if it is free or expired; the fence moves forward. Empty when another holds it. */
    Optional<RefreshLease> acquire(InstallationId installationId, String owner, Duration leaseDuration);

    /**
     * Marks that the grant's refresh token is about to be presented, only while the fence holds and at least
     * {@code needed} of the lease is left on the database clock; false otherwise (then nothing may be sent).
     */
    boolean recordAttempt(RefreshLease lease, Duration needed);

    /**
     * Extends the lease to {@code leaseDuration} from now while the fence and owner still hold, even if it expired
     * meanwhile (then nobody took it, so nobody else acted); empty when another holder took it.
     */
    Optional<RefreshLease> renew(RefreshLease lease, Duration leaseDuration);

    /**
     * Stores {@code refreshed} unless the stored refresh token changed since the one the new pair was obtained for
     * ({@code basisFingerprint}; a grant without a refresh token falls back on {@code fence}); clears the attempt
     * marker and the lease; the scheduler looks at the grant again at {@code nextRefreshAt}. Storing the same pair
     * twice is harmless. False when the stored pair changed (someone else's pair won).
     */
    boolean complete(InstallationId installationId, Optional<String> basisFingerprint, long fence, Grant refreshed,
                     Instant nextRefreshAt);

    /**
     * Frees the lease without a new pair. {@code attemptSettled} clears the attempt marker (an answer came back);
     * {@code retryAt}, when present, counts a failure and schedules the next proactive try (backoff).
     */
    void release(RefreshLease lease, boolean attemptSettled, Optional<Instant> retryAt);

    /**
     * Frees the lease and schedules the grant's next proactive look at {@code nextRefreshAt} without counting a
     * failure (it was picked but is not due by the rules in force, e.g. after the refresh window was changed).
     */
    void reschedule(RefreshLease lease, Instant nextRefreshAt);

    /** Frees the lease, settles the attempt and takes the grant off the schedule (it cannot make progress). */
    void park(RefreshLease lease);

    /**
     * Up to {@code limit} grants scheduled at or before {@code now}, not leased, not of {@code excludedApps}, the
     * earliest scheduled first; parked grants are never returned.
     */
    List<InstallationId> due(Instant now, Set<MarketplaceAppId> excludedApps, int limit);

    /** The earliest scheduled grant of an app that is not parked, if any (to probe the app's credentials). */
    Optional<InstallationId> firstScheduled(MarketplaceAppId app);
}
