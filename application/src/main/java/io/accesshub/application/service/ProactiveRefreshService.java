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
 * credentials HighLevel refuses. The first grant of a batch is refreshed alone, the rest in parallel: a newly refused
 * client secret costs one refused request per pass (for the app of that first grant; grants of other apps in the same
 * batch may each still meet the refusal once per refresh thread).
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
        if (due.isEmpty()) {
            return 0;
        }
        // The first grant goes alone: when HighLevel has started refusing the app's client credentials (a regenerated
        // secret), that one refused request holds the app, and the others of the batch are released without a send
        // instead of a refused request per refresh thread.
        refreshAsync(due.get(0)).join();
        List<CompletableFuture<?>> running = new ArrayList<>();
        for (InstallationId id : due.subList(1, due.size())) {
            running.add(refreshAsync(id));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return due.size();
    }

    private CompletableFuture<?> refreshAsync(InstallationId id) {
        // One grant's failure (our database, a bug) must not stop the others: each refresh stands alone.
        return CompletableFuture.runAsync(() -> refresher.refresh(id, GrantRefresher.Mode.PROACTIVE), pool)
            .exceptionally(failure -> null);
    }
}
