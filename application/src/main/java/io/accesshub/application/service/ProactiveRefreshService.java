package io.accesshub.application.service;

import io.accesshub.application.port.in.RefreshDueGrantsUseCase;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.domain.installation.InstallationId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Finds due grants (access token inside the window, or refresh token nearing its year) and refreshes a batch. */
public final class ProactiveRefreshService implements RefreshDueGrantsUseCase {

    private final RefreshLeases leases;
    private final GrantRefresher refresher;
    private final RefreshSettings settings;
    private final Clock clock;
    private final Executor pool;
    private final int batchSize;

    public ProactiveRefreshService(RefreshLeases leases, GrantRefresher refresher, RefreshSettings settings,
                                   Clock clock, Executor pool, int batchSize) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.batchSize = batchSize;
    }

    @Override
    public int refreshDueGrants() {
        Instant now = clock.instant();
        Instant expiringBefore = now.plus(settings.timing().accessTokenWindow());
        Instant issuedBefore = now.minus(settings.timing().refreshTokenLifetime())
            .plus(settings.timing().refreshTokenMargin());
        List<InstallationId> due = leases.due(expiringBefore, issuedBefore, batchSize);
        List<CompletableFuture<?>> running = new ArrayList<>();
        for (InstallationId id : due) {
            running.add(CompletableFuture.runAsync(() -> refresher.refresh(id, true), pool));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return due.size();
    }
}
