package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.uninstall.UninstallRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Durable developer-uninstall requests, one per installation, kept until the uninstall is recorded. A request is
 * worked under a lease (database clock) so that only one instance calls HighLevel for it at a time.
 */
public interface UninstallRequests {

    /** The request kept for this installation, if any. */
    Optional<UninstallRequest> find(InstallationId installationId);

    /** The requests kept for any of these installations, by installation (one read for a page of them). */
    Map<InstallationId, UninstallRequest> findAll(Collection<InstallationId> installationIds);

    /**
     * Stores {@code request} unless one is already kept for its installation, then claims the kept request for
     * {@code owner} when it is due at {@code now} and no other owner holds it; empty when it is not claimable.
     */
    Optional<UninstallRequest> openAndClaim(UninstallRequest request, String owner, Duration lease, Instant now);

    /** Claims the request due first at {@code now} that no other owner holds; empty when none is. */
    Optional<UninstallRequest> claimDue(String owner, Duration lease, Instant now);

    /** Stores the request's new attempt count, next attempt and failure, and releases {@code owner}'s lease. */
    void reschedule(UninstallRequest next, String owner);

    /**
     * Records, before a call is sent, that a call to HighLevel may have been sent for the installation's request
     * (it stays so); only while {@code owner} holds the lease.
     */
    void markSent(InstallationId installationId, String owner);

    /** Forgets the installation's request (the uninstall is recorded). */
    void remove(InstallationId installationId);
}
