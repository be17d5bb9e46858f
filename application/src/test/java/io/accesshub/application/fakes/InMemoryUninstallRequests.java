package io.accesshub.application.fakes;

import io.accesshub.application.port.out.UninstallRequests;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.uninstall.UninstallRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Uninstall requests in memory; a lease is held until rescheduled or removed, or until its end passes {@code now}. */
public final class InMemoryUninstallRequests implements UninstallRequests, TransactionalFake {

    private final Map<InstallationId, UninstallRequest> requests = new LinkedHashMap<>();
    private final Map<InstallationId, Instant> leasedUntil = new HashMap<>();

    private int reads;

    @Override
    public synchronized Optional<UninstallRequest> find(InstallationId installationId) {
        reads++;
        return Optional.ofNullable(requests.get(installationId));
    }

    @Override
    public synchronized Map<InstallationId, UninstallRequest> findAll(Collection<InstallationId> installationIds) {
        reads++;
        Map<InstallationId, UninstallRequest> found = new HashMap<>();
        installationIds.forEach(id -> Optional.ofNullable(requests.get(id)).ifPresent(r -> found.put(id, r)));
        return found;
    }

    /** How many reads ({@code find} or {@code findAll}) were made. */
    public synchronized int reads() {
        return reads;
    }

    @Override
    public synchronized Optional<UninstallRequest> openAndClaim(UninstallRequest request, String owner,
                                                                Duration lease, Instant now) {
        requests.putIfAbsent(request.installationId(), request);
        UninstallRequest kept = requests.get(request.installationId());
        if (kept.parked()) {
            // a repeat revives a parked request, due at once
            kept = new UninstallRequest(kept.installationId(), kept.reason(), kept.requestedAt(), kept.attempts(),
                request.nextAttemptAt(), kept.lastFailure(), kept.sent(), false);
            requests.put(kept.installationId(), kept);
        }
        if (!claimable(kept, now)) {
            return Optional.empty();
        }
        lease(kept, now.plus(lease));
        return Optional.of(kept);
    }

    /** Leases the request; like the database, its next attempt becomes the lease's end while it is leased. */
    private void lease(UninstallRequest request, Instant until) {
        leasedUntil.put(request.installationId(), until);
        requests.put(request.installationId(), new UninstallRequest(request.installationId(), request.reason(),
            request.requestedAt(), request.attempts(), until, request.lastFailure(), request.sent(),
            request.parked()));
    }

    @Override
    public synchronized Optional<UninstallRequest> claimDue(String owner, Duration lease, Instant now) {
        Optional<UninstallRequest> due = requests.values().stream().filter(r -> claimable(r, now))
            .min(Comparator.comparing(UninstallRequest::nextAttemptAt));
        due.ifPresent(r -> lease(r, now.plus(lease)));
        return due;
    }

    private boolean claimable(UninstallRequest request, Instant now) {
        Instant until = leasedUntil.get(request.installationId());
        return !request.parked() && !request.nextAttemptAt().isAfter(now) && (until == null || until.isBefore(now));
    }

    @Override
    public synchronized void reschedule(UninstallRequest next, String owner) {
        requests.replace(next.installationId(), next);
        leasedUntil.remove(next.installationId());
    }

    @Override
    public synchronized void markSent(InstallationId installationId, String owner) {
        requests.computeIfPresent(installationId, (id, request) -> request.sending());
    }

    @Override
    public synchronized void remove(InstallationId installationId) {
        requests.remove(installationId);
        leasedUntil.remove(installationId);
    }

    /** Whether a lease is held on the installation's request at {@code now}. */
    public synchronized boolean isLeased(InstallationId installationId, Instant now) {
        Instant until = leasedUntil.get(installationId);
        return until != null && !until.isBefore(now);
    }

    @Override
    public synchronized Runnable snapshot() {
        Map<InstallationId, UninstallRequest> copy = new LinkedHashMap<>(requests);
        Map<InstallationId, Instant> leases = new HashMap<>(leasedUntil);
        return () -> {
            synchronized (this) {
                requests.clear();
                requests.putAll(copy);
                leasedUntil.clear();
                leasedUntil.putAll(leases);
            }
        };
    }
}
