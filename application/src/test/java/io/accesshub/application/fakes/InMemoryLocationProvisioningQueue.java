package io.accesshub.application.fakes;

import io.accesshub.application.port.out.LocationProvisioningQueue;
import io.accesshub.domain.installation.InstallationId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Provisioning jobs in memory; enough for services that enqueue (claims ignore time). */
public final class InMemoryLocationProvisioningQueue implements LocationProvisioningQueue, TransactionalFake {

    private final Map<InstallationId, Integer> pending = new LinkedHashMap<>();

    @Override
    public synchronized void enqueue(InstallationId companyInstallation, Instant notBefore) {
        pending.put(companyInstallation, 0);
    }

    @Override
    public synchronized Optional<ProvisioningJob> claim(String owner, Duration leaseDuration) {
        return pending.entrySet().stream().findFirst()
            .map(e -> new ProvisioningJob(e.getKey(), e.getValue(), owner));
    }

    @Override
    public synchronized void advance(ProvisioningJob job, int nextOffset, Duration leaseDuration) {
        pending.put(job.companyInstallation(), nextOffset);
    }

    @Override
    public synchronized void finish(ProvisioningJob job) {
        pending.remove(job.companyInstallation());
    }

    @Override
    public synchronized void retryLater(ProvisioningJob job, Instant notBefore) {
    }

    /** The agency installations waiting for provisioning. */
    public synchronized List<InstallationId> pending() {
        return List.copyOf(pending.keySet());
    }

    @Override
    public synchronized Runnable snapshot() {
        Map<InstallationId, Integer> copy = new LinkedHashMap<>(pending);
        return () -> {
            synchronized (this) {
                pending.clear();
                pending.putAll(copy);
            }
        };
    }
}
