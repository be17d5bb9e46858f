package io.accesshub.application.fakes;

import io.accesshub.application.port.out.LeaseState;
import io.accesshub.application.port.out.RefreshLease;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.RefreshTiming;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * In-memory {@link RefreshLeases} over an {@link InMemoryGrantRepository}, with the given clock as the "database
 * clock". Like the JDBC adapter, a grant written through the repository is scheduled at {@link RefreshTiming#dueAt}
 * (the fake notices such writes by the grant's version). {@link #failNextWrites} makes the next writes throw, as a
 * database outage would.
 */
public final class InMemoryRefreshLeases implements RefreshLeases {

    private static final class Row {
        long fence;
        String owner;
        Instant leaseUntil;
        boolean attemptInFlight;
        Instant lastAttemptAt;
        Instant nextRefreshAt;
        long scheduledAtVersion = -1;
        String fingerprint;
    }

    private final InMemoryGrantRepository grants;
    private final Clock clock;
    private final RefreshTiming timing;
    private final Function<InstallationId, MarketplaceAppId> appOf;
    private final Map<InstallationId, Row> rows = new HashMap<>();
    private int failingWrites;
    private boolean loseAttemptAcknowledgement;
    private int writesAfterLostAcknowledgement;

    /** {@code appOf} tells the app of an installation (the JDBC adapter keeps it on the row). */
    public InMemoryRefreshLeases(InMemoryGrantRepository grants, Clock clock, RefreshTiming timing,
                                 Function<InstallationId, MarketplaceAppId> appOf) {
        this.grants = Objects.requireNonNull(grants, "grants");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.appOf = Objects.requireNonNull(appOf, "appOf");
    }

    /** The next {@code count} writes (complete, release, park) throw, as if the database were down. */
    public synchronized void failNextWrites(int count) {
        failingWrites = count;
    }

    /**
     * The next attempt record is stored but throws, as a commit whose acknowledgement the database never sent (it went
     * down right after committing); the {@code writesAfter} writes that follow throw too.
     */
    public synchronized void loseTheNextAttemptAcknowledgement(int writesAfter) {
        loseAttemptAcknowledgement = true;
        writesAfterLostAcknowledgement = writesAfter;
    }

    private void maybeFail() {
        if (failingWrites > 0) {
            failingWrites--;
            throw new IllegalStateException("simulated database outage");
        }
    }

    /** The row of a stored grant, brought up to date with writes made through the grant repository. */
    private Optional<Row> row(InstallationId id) {
        Optional<Grant> grant = grants.findByInstallationId(id);
        if (grant.isEmpty()) {
            rows.remove(id);
            return Optional.empty();
        }
        Row row = rows.computeIfAbsent(id, k -> new Row());
        if (row.scheduledAtVersion != grant.get().version()) {
            row.nextRefreshAt = timing.dueAt(grant.get());
            row.fingerprint = grant.get().refreshToken().map(RefreshToken::fingerprint).orElse(null);
            row.scheduledAtVersion = grant.get().version();
        }
        return Optional.of(row);
    }

    private boolean leased(Row row, Instant now) {
        return row.leaseUntil != null && row.leaseUntil.isAfter(now);
    }

    private boolean holds(Row row, RefreshLease lease) {
        return row.fence == lease.fence() && lease.owner().equals(row.owner);
    }

    @Override
    public synchronized Optional<LeaseState> inspect(InstallationId installationId) {
        Instant now = clock.instant();
        return row(installationId).map(row -> {
            boolean leased = leased(row, now);
            Instant since = row.leaseUntil != null ? row.leaseUntil : row.lastAttemptAt != null ? row.lastAttemptAt
                : now;
            Duration expiredFor = leased || since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
            Optional<Duration> age = row.attemptInFlight
                ? Optional.of(Duration.between(row.lastAttemptAt, now)) : Optional.empty();
            return new LeaseState(leased, row.attemptInFlight, expiredFor, age);
        });
    }

    @Override
    public synchronized Optional<RefreshLease> acquire(InstallationId installationId, String owner,
                                                       Duration leaseDuration) {
        Instant now = clock.instant();
        Optional<Row> found = row(installationId);
        if (found.isEmpty() || leased(found.get(), now)) {
            return Optional.empty();
        }
        Row row = found.get();
        row.fence++;
        row.owner = owner;
        row.leaseUntil = now.plus(leaseDuration);
        Optional<Duration> unfinished = row.attemptInFlight
            ? Optional.of(Duration.between(row.lastAttemptAt, now)) : Optional.empty();
        return Optional.of(new RefreshLease(installationId, owner, row.fence, leaseDuration, now, unfinished));
    }

    @Override
    public synchronized boolean recordAttempt(RefreshLease lease, Duration needed) {
        Instant now = clock.instant();
        Optional<Row> found = row(lease.installationId());
        if (found.isEmpty() || !holds(found.get(), lease) || found.get().leaseUntil.isBefore(now.plus(needed))) {
            return false;
        }
        found.get().attemptInFlight = true;
        found.get().lastAttemptAt = now;
        if (loseAttemptAcknowledgement) {
            loseAttemptAcknowledgement = false;
            failingWrites = writesAfterLostAcknowledgement;
            throw new IllegalStateException("simulated database outage: commit not acknowledged");
        }
        return true;
    }

    @Override
    public synchronized Optional<RefreshLease> renew(RefreshLease lease, Duration leaseDuration) {
        Instant now = clock.instant();
        Optional<Row> found = row(lease.installationId());
        if (found.isEmpty() || !holds(found.get(), lease)) {
            return Optional.empty();
        }
        found.get().leaseUntil = now.plus(leaseDuration);
        return Optional.of(lease.renewed(leaseDuration, now));
    }

    @Override
    public synchronized boolean complete(InstallationId installationId, Optional<String> basisFingerprint, long fence,
                                         Grant refreshed, Instant nextRefreshAt) {
        maybeFail();
        Optional<Row> found = row(installationId);
        if (found.isEmpty()) {
            return false;
        }
        Row row = found.get();
        String stored = refreshed.refreshToken().map(RefreshToken::fingerprint).orElse(null);
        boolean matches = row.fingerprint != null
            ? row.fingerprint.equals(basisFingerprint.orElse(null)) || row.fingerprint.equals(stored)
            : row.fence == fence;
        if (!matches) {
            return false;
        }
        Grant current = grants.findByInstallationId(installationId).orElseThrow();
        Grant written = grants.update(Grant.rehydrate(refreshed.installationId(), refreshed.source(),
            refreshed.accessToken(), refreshed.accessTokenExpiresAt(), refreshed.refreshToken(), refreshed.issuedAt(),
            refreshed.scopes(), refreshed.bookkeeping(), current.version()));
        row.attemptInFlight = false;
        row.owner = null;
        row.leaseUntil = null;
        row.nextRefreshAt = nextRefreshAt;
        row.fingerprint = stored;
        row.scheduledAtVersion = written.version();
        return true;
    }

    @Override
    public synchronized void release(RefreshLease lease, boolean attemptSettled, Optional<Instant> retryAt) {
        maybeFail();
        row(lease.installationId()).filter(row -> holds(row, lease)).ifPresent(row -> {
            row.owner = null;
            row.leaseUntil = null;
            if (attemptSettled) {
                row.attemptInFlight = false;
            }
            retryAt.ifPresent(at -> {
                row.nextRefreshAt = at;
                Grant grant = grants.findByInstallationId(lease.installationId()).orElseThrow();
                Grant failed = grants.update(Grant.rehydrate(grant.installationId(), grant.source(),
                    grant.accessToken(), grant.accessTokenExpiresAt(), grant.refreshToken(), grant.issuedAt(),
                    grant.scopes(), new io.accesshub.domain.grant.RefreshBookkeeping(
                        grant.bookkeeping().lastRefreshedAt(), grant.bookkeeping().lastAttemptAt(),
                        grant.bookkeeping().consecutiveFailures() + 1, grant.bookkeeping().fence()),
                    grant.version()));
                row.scheduledAtVersion = failed.version();
            });
        });
    }

    @Override
    public synchronized void reschedule(RefreshLease lease, Instant nextRefreshAt) {
        maybeFail();
        row(lease.installationId()).filter(row -> holds(row, lease)).ifPresent(row -> {
            row.owner = null;
            row.leaseUntil = null;
            row.nextRefreshAt = nextRefreshAt;
        });
    }

    @Override
    public synchronized void park(RefreshLease lease) {
        maybeFail();
        row(lease.installationId()).filter(row -> holds(row, lease)).ifPresent(row -> {
            row.owner = null;
            row.leaseUntil = null;
            row.attemptInFlight = false;
            row.nextRefreshAt = null;
        });
    }

    @Override
    public synchronized List<InstallationId> due(Instant now, Set<MarketplaceAppId> excludedApps, int limit) {
        Instant databaseNow = clock.instant();
        List<InstallationId> due = new ArrayList<>();
        for (Grant grant : grants.all()) {
            Row row = row(grant.installationId()).orElseThrow();
            if (row.nextRefreshAt != null && !row.nextRefreshAt.isAfter(now) && !leased(row, databaseNow)
                && !excludedApps.contains(appOf.apply(grant.installationId()))) {
                due.add(grant.installationId());
            }
        }
        due.sort(Comparator.comparing((InstallationId id) -> rows.get(id).nextRefreshAt));
        return due.subList(0, Math.min(limit, due.size()));
    }

    @Override
    public synchronized Optional<InstallationId> firstScheduled(MarketplaceAppId app) {
        return grants.all().stream()
            .filter(grant -> appOf.apply(grant.installationId()).equals(app))
            .filter(grant -> row(grant.installationId()).orElseThrow().nextRefreshAt != null)
            .min(Comparator.comparing((Grant grant) -> rows.get(grant.installationId()).nextRefreshAt))
            .map(Grant::installationId);
    }

    /** Makes the grant's current lease look expired for {@code ago} (what a holder that died leaves behind). */
    public synchronized void expireLease(InstallationId id, Duration ago) {
        row(id).ifPresent(row -> row.leaseUntil = clock.instant().minus(ago));
    }

    /** When the grant is scheduled next; empty when parked or gone. */
    public synchronized Optional<Instant> scheduledAt(InstallationId id) {
        return row(id).map(row -> row.nextRefreshAt);
    }
}
