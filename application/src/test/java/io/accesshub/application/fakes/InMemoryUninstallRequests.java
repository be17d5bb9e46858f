package io.accesshub.application.fakes;

import io.accesshub.application.port.out.UninstallRequests;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.uninstall.UninstallRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Uninstall requests in memory; a lease is held until rescheduled or removed, or until its end passes {@code now}. */
public final class InMemoryUninstallRequests implements UninstallRequests, TransactionalFake {

    private final Map<InstallationId, UninstallRequest> requests = new LinkedHashMap<>();
    private final Map<InstallationId, Instant> leasedUntil = new HashMap<>();

    @Override
    public synchronized Optional<UninstallRequest> find(InstallationId installationId) {
        return Optional.ofNullable(requests.get(installationId));
    }

    @Override
    public synchronized Optional<UninstallRequest> openAndClaim(UninstallRequest request, String owner,
                                                                Duration lease, Instant now) {
        requests.putIfAbsent(request.installationId(), request);
        UninstallRequest kept = requests.get(request.installationId());
        if (!claimable(kept, now)) {
            return Optional.empty();
        }
        leasedUntil.put(kept.installationId(), now.plus(lease));
        return Optional.of(kept);
    }

    @Override
    public synchronized Optional<UninstallRequest> claimDue(String owner, Duration lease, Instant now) {
        Optional<UninstallRequest> due = requests.values().stream().filter(r -> claimable(r, now))
            .min(Comparator.comparing(UninstallRequest::nextAttemptAt));
        due.ifPresent(r -> leasedUntil.put(r.installationId(), now.plus(lease)));
        return due;
    }

    private boolean claimable(UninstallRequest request, Instant now) {
        Instant until = leasedUntil.get(request.installationId());
        return !request.nextAttemptAt().isAfter(now) && (until == null || until.isBefore(now));
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
