package io.accesshub.application.fakes;

import io.accesshub.application.port.out.LocationProvisioningQueue;
import io.accesshub.domain.installation.InstallationId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Provisioning jobs in memory: a claimed job is held until advanced, finished or retried (claims ignore time). */
public final class InMemoryLocationProvisioningQueue implements LocationProvisioningQueue, TransactionalFake {

    private final Map<InstallationId, Integer> pending = new LinkedHashMap<>();
    private final java.util.Set<InstallationId> held = new java.util.HashSet<>();

    @Override
    public synchronized void enqueue(InstallationId companyInstallation, Instant notBefore) {
        pending.put(companyInstallation, 0);
        held.remove(companyInstallation);
    }

    @Override
    public synchronized Optional<ProvisioningJob> claim(String owner, Duration leaseDuration) {
        Optional<ProvisioningJob> job = pending.entrySet().stream().filter(e -> !held.contains(e.getKey())).findFirst()
            .map(e -> new ProvisioningJob(e.getKey(), e.getValue(), owner));
        job.ifPresent(j -> held.add(j.companyInstallation()));
        return job;
    }

    @Override
    public synchronized void advance(ProvisioningJob job, int nextOffset) {
        pending.put(job.companyInstallation(), nextOffset);
        held.remove(job.companyInstallation());
    }

    @Override
    public synchronized void finish(ProvisioningJob job) {
        pending.remove(job.companyInstallation());
        held.remove(job.companyInstallation());
    }

    @Override
    public synchronized void retryLater(ProvisioningJob job, Instant notBefore) {
        held.remove(job.companyInstallation());
    }

    /** The agency installations waiting for provisioning. */
    public synchronized List<InstallationId> pending() {
        return List.copyOf(pending.keySet());
    }

    @Override
    public synchronized Runnable snapshot() {
        Map<InstallationId, Integer> copy = new LinkedHashMap<>(pending);
        java.util.Set<InstallationId> heldCopy = new java.util.HashSet<>(held);
        return () -> {
            synchronized (this) {
                pending.clear();
                pending.putAll(copy);
                held.clear();
                held.addAll(heldCopy);
            }
        };
    }
}
