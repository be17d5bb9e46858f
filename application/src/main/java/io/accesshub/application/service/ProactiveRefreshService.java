package io.accesshub.application.service;

import io.accesshub.application.port.in.RefreshDueGrantsUseCase;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.domain.installation.InstallationId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Refreshes a batch of scheduled grants whose time has come, earliest first. Grants that cannot make progress are
 * never selected: parked ones (needs reauthorization), leased ones, ones backing off, and those of apps whose client
 * credentials HighLevel refuses.
 */
public final class ProactiveRefreshService implements RefreshDueGrantsUseCase {

    private final RefreshLeases leases;
    private final GrantRefresher refresher;
    private final AppCredentials credentials;
    private final Clock clock;
    private final Executor pool;
    private final int batchSize;

    public ProactiveRefreshService(RefreshLeases leases, GrantRefresher refresher, AppCredentials credentials,
                                   Clock clock, Executor pool, int batchSize) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.batchSize = batchSize;
    }

    @Override
    public int refreshDueGrants() {
        List<InstallationId> due = leases.due(clock.instant(), credentials.refusedApps(), batchSize);
        List<CompletableFuture<?>> running = new ArrayList<>();
        for (InstallationId id : due) {
            // One grant's failure (our database, a bug) must not stop the others: each refresh stands alone.
            running.add(CompletableFuture.runAsync(() -> refresher.refresh(id, GrantRefresher.Mode.PROACTIVE), pool)
                .exceptionally(failure -> null));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return due.size();
    }
}
