package io.accesshub.application.service;

import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.DatabaseReachability;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.LeaseState;
import io.accesshub.application.port.out.LocationTokenRefreshPolicy;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.RefreshLease;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.domain.exchange.LocationTokenDecision;
import io.accesshub.domain.exchange.LocationTokenPolicy;
import io.accesshub.domain.grant.AccessTokenDigest;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.HolderLiveness;
import io.accesshub.domain.grant.RecoveryAttempts;
import io.accesshub.domain.grant.RecoveryStep;
import io.accesshub.domain.grant.RefreshAssessment;
import io.accesshub.domain.grant.RefreshFailure;
import io.accesshub.domain.grant.RefreshStart;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Refreshes one grant so that each refresh token is presented to HighLevel at most once and nothing HighLevel
 * answers is dropped:
 * <ol>
 *   <li>single flight inside the JVM, a fenced database lease across instances;</li>
 *   <li>an earlier holder's attempt whose outcome was never stored is left to that holder while it may be alive
 *       ({@link HolderLiveness}); only then does the recovery ladder start;</li>
 *   <li>the domain decides the first step ({@link RefreshStart}) and every step after a failure
 *       ({@link io.accesshub.domain.grant.RefreshRecovery}); this class applies the steps;</li>
 *   <li>nothing is sent unless the lease outlasts the request and its completion ({@code LeaseBudget}), checked by
 *       the database when the attempt is recorded, before every send;</li>
 *   <li>every write after a send goes through the {@link OutcomeKeeper}, so our own database failing at that
 *       moment delays the write instead of losing the answer.</li>
 * </ol>
 */
public final class GrantRefresher {

    /** Why a refresh is asked for. */
    public enum Mode {
        /** The scheduler: refresh when the grant is due. */
        PROACTIVE,
        /** A token read: refresh when the access token is no longer usable. */
        ON_DEMAND,
        /** A check of the app's client credentials: present the refresh token even if the app's were refused. */
        CREDENTIALS_PROBE
    }

    /** How a refresh ended. */
    public sealed interface RefreshResult {
        /** The grant is usable (refreshed here, by another holder, or it did not need it). */
        record Usable(Grant grant) implements RefreshResult {
        }

        /** Nothing usable now; try again later. */
        record Unavailable(Optional<Duration> retryAfter) implements RefreshResult {
        }

        /** HighLevel says the location is not active. */
        record Suspended(StateReason reason) implements RefreshResult {
        }

        /** The grant is lost. */
        record NeedsReauth(StateReason reason) implements RefreshResult {
        }

        /** No grant (uninstalled meanwhile). */
        record Gone() implements RefreshResult {
        }

        /** HighLevel refuses the app's client credentials; the grant is kept as it is. */
        record AppMisconfigured(MarketplaceAppId app) implements RefreshResult {
        }
    }

    /**
     * What a caller asks for: {@code mode}, and for a report that HighLevel rejected an access token, that token,
     * which makes the grant need a refresh for as long as it is still the current one.
     */
    private record Ask(Mode mode, Optional<AccessTokenDigest> rejected) {
        static Ask of(Mode mode) {
            return new Ask(mode, Optional.empty());
        }
    }

    /** The grant and installation as read under the lease. */
    private record Held(RefreshLease lease, Grant grant, Installation installation) {
        InstallationKey key() {
            return installation.key();
        }

        Optional<String> basis() {
            return grant.refreshToken().map(RefreshToken::fingerprint);
        }
    }

    private final MarketplaceApps apps;
    private final InstallationRepository installations;
    private final GrantRepository grants;
    private final RefreshLeases leases;
    private final MarketplaceGateway gateway;
    private final InstallationTransitions transitions;
    private final CompanyCascadeRunner cascade;
    private final OutcomeKeeper keeper;
    private final AppCredentials credentials;
    private final DatabaseReachability reachability;
    private final RefreshSettings settings;
    private final Clock clock;
    private final String instanceId;
    private final Consumer<Duration> pause;
    private final DoubleSupplier jitter;
    private final HubMetrics metrics;
    private final AtomicLong leaseCounter = new AtomicLong();
    private final SingleFlight<InstallationId, RefreshResult> flights = new SingleFlight<>();

    /** Collaborators are wired in bootstrap; {@code pause} waits between polls, {@code jitter} gives [0, 1). */
    public GrantRefresher(MarketplaceApps apps, InstallationRepository installations, GrantRepository grants,
                          RefreshLeases leases, MarketplaceGateway gateway, InstallationTransitions transitions,
                          CompanyCascadeRunner cascade, OutcomeKeeper keeper, AppCredentials credentials,
                          DatabaseReachability reachability, RefreshSettings settings, Clock clock,
                          String instanceId, Consumer<Duration> pause, DoubleSupplier jitter,
                          HubMetrics metrics) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.installations = Objects.requireNonNull(installations, "installations");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.cascade = Objects.requireNonNull(cascade, "cascade");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.reachability = Objects.requireNonNull(reachability, "reachability");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Makes the grant usable: refreshes it when {@code proactive} says it is due (scheduler) or when it is not usable
     * now (token read); concurrent callers for one grant share one refresh.
     */
    public RefreshResult refresh(InstallationId id, boolean proactive) {
        return refresh(id, proactive ? Mode.PROACTIVE : Mode.ON_DEMAND);
    }

    /** Makes the grant usable as {@code mode} asks; concurrent callers for one grant share one refresh. */
    public RefreshResult refresh(InstallationId id, Mode mode) {
        return flights.run(id, () -> coordinate(id, Ask.of(mode)));
    }

    /**
     * Re-validates a grant whose access token HighLevel rejected: refreshes it (or re-mints it, as for a due grant)
     * while its current access token is still the one {@code rejected} names, however far its expiry; a grant whose
     * token changed meanwhile is handed out as it is. The refresh token is presented under the same lease and fence
     * as any refresh, so concurrent reports, here and on other instances, present it once. A caller that joins a
     * refresh already running here gets that refresh's result, whatever it asked for.
     */
    public RefreshResult refreshRejected(InstallationId id, AccessTokenDigest rejected) {
        Objects.requireNonNull(rejected, "rejected");
        return flights.run(id, () -> coordinate(id, new Ask(Mode.ON_DEMAND, Optional.of(rejected))));
    }

    /** Finds the lease free (or its silent holder gone), takes it and refreshes; or hands out another's result. */
    private RefreshResult coordinate(InstallationId id, Ask ask) {
        Mode mode = ask.mode();
        Instant waitUntil = clock.instant().plus(settings.waitForOtherHolder());
        while (true) {
            if (keeper.isKeeping(id)) {
                // This instance holds HighLevel's answer and is still storing it.
                return new RefreshResult.Unavailable(Optional.of(settings.pollInterval()));
            }
            Optional<LeaseState> state = leases.inspect(id);
            if (state.isEmpty()) {
                return new RefreshResult.Gone();
            }
            if (state.get().leased()) {
                if (mode == Mode.PROACTIVE) {
                    // another holder is refreshing it right now: nothing for the scheduler to add
                    return new RefreshResult.Unavailable(Optional.empty());
                }
                Optional<Grant> current = grants.findByInstallationId(id);
                if (current.isEmpty()) {
                    return new RefreshResult.Gone();
                }
                if (!needsRefresh(current.get(), ask, clock.instant())) {
                    return new RefreshResult.Usable(current.get());
                }
                if (!clock.instant().isBefore(waitUntil)) {
                    return new RefreshResult.Unavailable(Optional.of(settings.pollInterval()));
                }
                pause.accept(settings.pollInterval());
                continue;
            }
            if (state.get().attemptInFlight()) {
                HolderLiveness.Verdict verdict = settings.liveness().judge(state.get().leaseExpiredFor(),
                    reachability.reachableFor());
                if (verdict instanceof HolderLiveness.Verdict.MayBeAlive alive) {
                    return new RefreshResult.Unavailable(Optional.of(alive.retryAfter()));
                }
            }
            Optional<RefreshLease> lease = leases.acquire(id, instanceId + "#" + leaseCounter.incrementAndGet(),
                settings.leaseDuration());
            if (lease.isPresent()) {
                return withLease(lease.get(), ask);
            }
        }
    }

    private boolean needsRefresh(Grant grant, Ask ask, Instant now) {
        if (ask.rejected().map(rejected -> rejected.matches(grant.accessToken())).orElse(false)) {
            return true;
        }
        return switch (ask.mode()) {
            case PROACTIVE -> settings.timing().assess(grant, now) instanceof RefreshAssessment.Due;
            case ON_DEMAND -> !settings.timing().isUsableAt(grant, now);
            case CREDENTIALS_PROBE -> true;
        };
    }

    /** Reads the grant under the lease and applies the domain's first step; nothing has been sent yet. */
    private RefreshResult withLease(RefreshLease lease, Ask ask) {
        Mode mode = ask.mode();
        Held held;
        RefreshStart start;
        try {
            Optional<Grant> grant = grants.findByInstallationId(lease.installationId());
            Optional<Installation> installation = installations.findById(lease.installationId());
            if (grant.isEmpty() || installation.isEmpty()) {
                release(lease, false, Optional.empty());
                return new RefreshResult.Gone();
            }
            held = new Held(lease, grant.get(), installation.get());
            Instant now = clock.instant();
            start = RefreshStart.decide(held.installation().status(), needsRefresh(held.grant(), ask, now),
                lease.unfinishedAttemptAge().map(now::minus), held.grant().refreshToken().isPresent(),
                alwaysRemints(held), now);
            if (start instanceof RefreshStart.NotNeeded) {
                if (mode == Mode.PROACTIVE) {
                    // picked by the schedule but not due by the rules in force: move it, or it is picked every pass
                    leases.reschedule(lease, settings.timing().dueAt(held.grant()));
                } else {
                    release(lease, false, Optional.empty());
                }
                return new RefreshResult.Usable(held.grant());
            }
            if (start instanceof RefreshStart.Park) {
                leases.park(lease);
                return new RefreshResult.NeedsReauth(held.installation().reason());
            }
            if (mode != Mode.CREDENTIALS_PROBE && credentials.isRefused(held.key().appId())) {
                release(lease, false, Optional.empty());
                return new RefreshResult.AppMisconfigured(held.key().appId());
            }
        } catch (RuntimeException beforeAnySend) {
            releaseQuietly(lease);
            throw beforeAnySend;
        }
        if (start instanceof RefreshStart.Recover recover) {
            RecoveryAttempts attempts = RecoveryAttempts.firstFailure(recover.presentedAt(), remintPossible(held));
            return climb(held, recover.failure(), attempts);
        }
        return climb(held, null, null);
    }

    /**
     * Presents the refresh token (when {@code failure} is null) and climbs the recovery ladder until a step ends the
     * refresh. Everything written after a send goes through the keeper.
     */
    private RefreshResult climb(Held held, RefreshFailure failure, RecoveryAttempts attempts) {
        RefreshLease lease = held.lease();
        RefreshFailure next = failure;
        RecoveryAttempts tried = attempts;
        boolean sent = lease.unfinishedAttemptAge().isPresent();
        while (true) {
            if (next == null) {
                Optional<RefreshLease> ready = readyToSend(lease, sent);
                if (ready.isEmpty()) {
                    return new RefreshResult.Unavailable(Optional.of(settings.pollInterval()));
                }
                lease = ready.get();
                Instant presentedAt = clock.instant();
                sent = true;
                TokenExchangeOutcome outcome = gateway.refresh(held.key().appId(),
                    held.grant().refreshToken().orElseThrow(), held.key().userType());
                metrics.refreshOutcome(held.key().appId(), HubMetrics.outcomeOf(outcome));
                if (outcome instanceof TokenExchangeOutcome.Issued issued) {
                    metrics.refreshLag(held.key().appId(),
                        Duration.between(presentedAt, held.grant().accessTokenExpiresAt()));
                    credentials.accepted(held.key().appId());
                    return store(held, lease, held.grant().rotate(issued.tokens()), StateReason.REFRESHED);
                }
                if (outcome instanceof TokenExchangeOutcome.InvalidGrant) {
                    Optional<Grant> reread = grants.findByInstallationId(held.grant().installationId());
                    if (reread.isPresent() && !reread.get().refreshToken().equals(held.grant().refreshToken())) {
                        // Someone stored a newer pair after we read ours: theirs is the grant.
                        release(lease, true, Optional.empty());
                        return new RefreshResult.Usable(reread.get());
                    }
                }
                next = outcome.asRefreshFailure().orElseThrow();
                tried = tried == null ? RecoveryAttempts.firstFailure(presentedAt, remintPossible(held)) : tried;
            }
            RecoveryStep step = settings.recovery().next(next, tried, clock.instant());
            String detail = next.name();
            next = null;
            if (step instanceof RecoveryStep.RetrySameRefreshToken) {
                tried = tried.afterSameTokenRetry();
                continue;
            }
            if (step instanceof RecoveryStep.RemintFromCompany) {
                tried = tried.afterRemint();
                Optional<RefreshResult> reminted = remint(held, lease, sent);
                sent = true;
                if (reminted.isPresent()) {
                    return reminted.get();
                }
                next = RefreshFailure.REJECTED;
                continue;
            }
            if (leases.renew(lease, settings.leaseDuration()).isEmpty()) {
                // Another holder took the lease while our answer travelled: the decision is theirs now, and the
                // attempt stays in flight for them.
                return new RefreshResult.Unavailable(Optional.of(settings.pollInterval()));
            }
            return settle(held, lease, step, detail);
        }
    }

    /** Applies a step that ends the refresh without a new pair; the write is kept if our database fails. */
    private RefreshResult settle(Held held, RefreshLease lease, RecoveryStep step, String detail) {
        InstallationId id = held.installation().id();
        if (step instanceof RecoveryStep.HoldForAppCredentials) {
            credentials.refused(held.key().appId(), detail);
            keeper.writeOrKeep(id, "a refused-credentials outcome", () -> {
                release(lease, true, Optional.empty());
                return true;
            });
            return new RefreshResult.AppMisconfigured(held.key().appId());
        }
        if (step instanceof RecoveryStep.Degrade degrade) {
            Instant retryAt = retryAt(held.grant());
            keeper.writeOrKeep(id, "a degraded outcome", () -> {
                transitions.apply(id, i -> i.degrade(degrade.reason(), clock.instant()));
                release(lease, true, Optional.of(retryAt));
                return true;
            });
            return new RefreshResult.Unavailable(Optional.empty());
        }
        if (step instanceof RecoveryStep.Suspend suspend) {
            Instant retryAt = retryAt(held.grant());
            keeper.writeOrKeep(id, "a suspended outcome", () -> {
                transitions.apply(id, i -> i.suspend(suspend.reason(), clock.instant()));
                release(lease, true, Optional.of(retryAt));
                return true;
            });
            return new RefreshResult.Suspended(suspend.reason());
        }
        StateReason reason = ((RecoveryStep.MarkNeedsReauth) step).reason();
        keeper.writeOrKeep(id, "a needs-reauthorization outcome", () -> {
            transitions.apply(id, i -> i.markNeedsReauth(reason, clock.instant()));
            leases.park(lease);
            return true;
        });
        if (held.key().userType() == UserType.COMPANY) {
            installations.findById(id).ifPresent(cascade::cascade);
        }
        return new RefreshResult.NeedsReauth(reason);
    }

    /**
     * Stores a pair HighLevel issued for the grant as read ({@code held}); a pair that lost to a newer stored one is
     * dropped in favour of it. Reactivates (or revives) the installation once stored.
     */
    private RefreshResult store(Held held, RefreshLease lease, Grant refreshed, StateReason reason) {
        InstallationId id = held.installation().id();
        Instant nextRefreshAt = settings.timing().dueAt(refreshed);
        boolean stored = keeper.writeOrKeep(id, "a refreshed pair", () -> {
            if (!leases.complete(id, held.basis(), lease.fence(), refreshed, nextRefreshAt)) {
                return false;
            }
            transitions.apply(id, i -> i.activate(reason, clock.instant()));
            return true;
        });
        if (stored) {
            return new RefreshResult.Usable(refreshed);
        }
        return grants.findByInstallationId(id)
            .<RefreshResult>map(RefreshResult.Usable::new)
            .orElseGet(RefreshResult.Gone::new);
    }

    /**
     * Records the attempt while the lease outlasts a send (checked on the database clock); renews a short lease once.
     * Empty when nothing may be sent: the lease was lost or cannot be renewed. The attempt marker is never cleared
     * here: an earlier send's outcome stays in flight.
     */
    private Optional<RefreshLease> readyToSend(RefreshLease lease, boolean sentBefore) {
        Duration needed = settings.budget().perSend();
        try {
            if (leases.recordAttempt(lease, needed)) {
                return Optional.of(lease);
            }
            Optional<RefreshLease> renewed = leases.renew(lease, settings.leaseDuration());
            if (renewed.isPresent() && leases.recordAttempt(renewed.get(), needed)) {
                return renewed;
            }
            releaseQuietly(renewed.orElse(lease));
            return Optional.empty();
        } catch (RuntimeException unknown) {
            if (!sentBefore) {
                withdrawUnsentAttempt(lease, unknown);
            }
            throw unknown;
        }
    }

    /**
     * Our database failed while the attempt was being recorded (a commit whose answer was lost may still have stored
     * the marker) and nothing was sent. Left in place, the marker would make the grant look like a holder lost after
     * sending, and end in needs-reauth; it is withdrawn with the lease instead, through the keeper so an outage only
     * delays it, and meanwhile this instance answers "unavailable" for the grant. Only for a lease under which nothing
     * was ever sent: an earlier holder's marker is evidence and stays.
     */
    private void withdrawUnsentAttempt(RefreshLease lease, RuntimeException unknown) {
        try {
            keeper.writeOrKeep(lease.installationId(), "the withdrawal of an attempt never sent", () -> {
                leases.release(lease, true, Optional.empty());
                return true;
            });
        } catch (RuntimeException keptForRetry) {
            unknown.addSuppressed(keptForRetry);
        }
    }

    private boolean alwaysRemints(Held held) {
        return held.grant().source() == GrantSource.MINTED_FROM_COMPANY
            && held.key().userType() == UserType.LOCATION
            && apps.find(held.key().appId())
                .map(app -> app.locationTokenPolicy() == LocationTokenRefreshPolicy.ALWAYS_REMINT).orElse(false)
            && remintPossible(held);
    }

    private boolean remintPossible(Held held) {
        InstallationKey location = held.key();
        if (location.userType() != UserType.LOCATION) {
            return false;
        }
        return installations.findByKey(location.companyKey())
            .flatMap(company -> grants.findByInstallationId(company.id())
                .map(companyGrant -> LocationTokenPolicy.decide(company, companyGrant, location)))
            .map(decision -> decision instanceof LocationTokenDecision.Allowed)
            .orElse(false);
    }

    /** Mints a new location token from the agency's grant; empty when no pair came of it. */
    private Optional<RefreshResult> remint(Held held, RefreshLease lease, boolean sentBefore) {
        InstallationKey key = held.key();
        Optional<Installation> company = installations.findByKey(key.companyKey());
        if (company.isEmpty()) {
            return Optional.empty();
        }
        RefreshResult companyResult = refresh(company.get().id(), Mode.ON_DEMAND);
        if (!(companyResult instanceof RefreshResult.Usable usable)) {
            return Optional.empty();
        }
        if (!(LocationTokenPolicy.decide(company.get(), usable.grant(), key) instanceof LocationTokenDecision.Allowed)) {
            return Optional.empty();
        }
        Optional<RefreshLease> ready = readyToSend(lease, sentBefore);
        if (ready.isEmpty()) {
            return Optional.of(new RefreshResult.Unavailable(Optional.of(settings.pollInterval())));
        }
        TokenExchangeOutcome outcome = gateway.mintLocationToken(key.appId(), usable.grant().accessToken(),
            key.companyId(), key.locationId().orElseThrow());
        if (outcome instanceof TokenExchangeOutcome.Issued issued) {
            return Optional.of(store(held, ready.get(), held.grant().remint(issued.tokens()),
                StateReason.GRANT_MINTED));
        }
        return Optional.empty();
    }

    private Instant retryAt(Grant grant) {
        int failures = grant.bookkeeping().consecutiveFailures() + 1;
        return clock.instant().plus(settings.backoff().after(failures, jitter.getAsDouble()));
    }

    private void release(RefreshLease lease, boolean attemptSettled, Optional<Instant> retryAt) {
        leases.release(lease, attemptSettled, retryAt);
    }

    /** Frees a lease after a failure before any send; if even that fails, the lease simply expires. */
    private void releaseQuietly(RefreshLease lease) {
        try {
            leases.release(lease, false, Optional.empty());
        } catch (RuntimeException ignored) {
            // the lease expires on its own; nothing was sent under it
        }
    }
}
