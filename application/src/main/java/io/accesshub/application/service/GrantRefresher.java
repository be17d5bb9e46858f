package io.accesshub.application.service;

import io.accesshub.application.port.out.ConcurrentUpdateException;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.LocationTokenRefreshPolicy;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.RefreshLease;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.domain.exchange.LocationTokenDecision;
import io.accesshub.domain.exchange.LocationTokenPolicy;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.RecoveryAttempts;
import io.accesshub.domain.grant.RecoveryStep;
import io.accesshub.domain.grant.RefreshAssessment;
import io.accesshub.domain.grant.RefreshFailure;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.UserType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;

/**
 * Refreshes one grant so that its refresh token is presented to HighLevel at most once: single flight inside the
 * JVM, a fenced database lease across instances, a re-read after acquiring, no request when the lease could run out
 * before the answer, the attempt recorded before sending, the new pair stored only while the fence holds. Failures
 * follow the domain's recovery ladder (same token inside the grace window, re-mint from the agency, then
 * needs-reauth); transient failures only ever degrade.
 */
public final class GrantRefresher {

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
    }

    private final MarketplaceApps apps;
    private final InstallationRepository installations;
    private final GrantRepository grants;
    private final RefreshLeases leases;
    private final MarketplaceGateway gateway;
    private final InstallationEventPublisher events;
    private final TransactionRunner transactions;
    private final RefreshSettings settings;
    private final Clock clock;
    private final String instanceId;
    private final Consumer<Duration> pause;
    private final DoubleSupplier jitter;
    private final AtomicLong leaseCounter = new AtomicLong();
    private final CompanyCascadeRunner cascade;
    private final ConcurrentMap<InstallationId, CompletableFuture<RefreshResult>> inFlight =
        new ConcurrentHashMap<>();

    public GrantRefresher(MarketplaceApps apps, InstallationRepository installations, GrantRepository grants,
                          RefreshLeases leases,
                          MarketplaceGateway gateway, InstallationEventPublisher events,
                          TransactionRunner transactions, RefreshSettings settings, Clock clock, String instanceId,
                          Consumer<Duration> pause, DoubleSupplier jitter) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.installations = Objects.requireNonNull(installations, "installations");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.cascade = new CompanyCascadeRunner(installations, grants, events, transactions, clock);
    }

    /**
     * Makes the grant usable: refreshes it when {@code proactive} says it is due (scheduler) or when it is not usable
     * now (token read); concurrent callers for one grant share one refresh.
     */
    public RefreshResult refresh(InstallationId id, boolean proactive) {
        CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
        CompletableFuture<RefreshResult> running = inFlight.putIfAbsent(id, mine);
        if (running != null) {
            return running.join();
        }
        try {
            RefreshResult result = acquireAndRefresh(id, proactive);
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(id, mine);
        }
    }

    private boolean needsRefresh(Grant grant, boolean proactive, Instant now) {
        if (proactive) {
            return settings.timing().assess(grant, now) instanceof RefreshAssessment.Due;
        }
        return !settings.timing().isUsableAt(grant, now);
    }

    private RefreshResult acquireAndRefresh(InstallationId id, boolean proactive) {
        Instant waitUntil = clock.instant().plus(settings.waitForOtherHolder());
        while (true) {
            Optional<RefreshLease> lease = leases.acquire(id, instanceId + "#" + leaseCounter.incrementAndGet(),
                settings.leaseDuration());
            if (lease.isPresent()) {
                return withLease(lease.get(), proactive);
            }
            // Another instance holds the lease: its result is what we hand out.
            Optional<Grant> current = grants.findByInstallationId(id);
            if (current.isEmpty()) {
                return new RefreshResult.Gone();
            }
            if (!needsRefresh(current.get(), proactive, clock.instant())) {
                return new RefreshResult.Usable(current.get());
            }
            if (!clock.instant().isBefore(waitUntil)) {
                return new RefreshResult.Unavailable(Optional.of(settings.pollInterval()));
            }
            pause.accept(settings.pollInterval());
        }
    }

    private RefreshResult withLease(RefreshLease lease, boolean proactive) {
        boolean released = false;
        try {
            Optional<Grant> found = grants.findByInstallationId(lease.installationId());
            Optional<Installation> installation = installations.findById(lease.installationId());
            if (found.isEmpty() || installation.isEmpty()) {
                return new RefreshResult.Gone();
            }
            Grant grant = found.get();
            Instant now = clock.instant();
            if (lease.unfinishedAttemptAge().isEmpty() && !needsRefresh(grant, proactive, now)) {
                return new RefreshResult.Usable(grant);
            }
            if (lease.remaining().compareTo(settings.requestTimeout().plusSeconds(1)) < 0) {
                return new RefreshResult.Unavailable(Optional.of(settings.pollInterval()));
            }
            RefreshResult result = refreshHeld(lease, grant, installation.get());
            released = true;
            return result;
        } finally {
            if (!released) {
                leases.release(lease, lease.unfinishedAttemptAge().isEmpty(), Optional.empty());
            }
        }
    }

    /** Runs the refresh and the recovery ladder; always ends by completing or releasing the lease. */
    private RefreshResult refreshHeld(RefreshLease lease, Grant grant, Installation installation) {
        InstallationKey key = installation.key();
        boolean remintPossible = key.userType() == UserType.LOCATION && companyCanMint(key);
        RecoveryAttempts attempts = null;
        RefreshFailure failure;
        if (lease.unfinishedAttemptAge().isPresent()) {
            // A previous holder sent this refresh token and never stored the outcome: uncertain, never lost yet.
            // The age is measured on the database clock; anchoring it to our clock keeps both sides of the
            // grace-window comparison on one clock.
            Instant presentedAt = clock.instant().minus(lease.unfinishedAttemptAge().get());
            attempts = RecoveryAttempts.firstFailure(presentedAt, remintPossible);
            failure = RefreshFailure.NO_ANSWER;
        } else if (grant.refreshToken().isEmpty() || (remintPossible && alwaysRemints(key, grant))) {
            attempts = RecoveryAttempts.firstFailure(clock.instant(), remintPossible);
            failure = RefreshFailure.REJECTED;
        } else {
            failure = null;
        }
        while (true) {
            if (failure == null) {
                if (!leases.recordAttempt(lease)) {
                    leases.release(lease, false, Optional.empty());
                    return new RefreshResult.Unavailable(Optional.empty());
                }
                Instant presentedAt = clock.instant();
                TokenExchangeOutcome outcome = gateway.refresh(key.appId(), grant.refreshToken().orElseThrow(),
                    key.userType());
                if (outcome instanceof TokenExchangeOutcome.Issued issued) {
                    return store(lease, grant.rotate(issued.tokens()), installation, StateReason.REFRESHED);
                }
                if (outcome instanceof TokenExchangeOutcome.InvalidGrant) {
                    Optional<Grant> reread = grants.findByInstallationId(grant.installationId());
                    if (reread.isPresent() && !reread.get().refreshToken().equals(grant.refreshToken())) {
                        leases.release(lease, true, Optional.empty());
                        return new RefreshResult.Usable(reread.get());
                    }
                }
                failure = outcome.asRefreshFailure().orElseThrow();
                attempts = attempts == null ? RecoveryAttempts.firstFailure(presentedAt, remintPossible) : attempts;
            }
            RecoveryStep step = settings.recovery().next(failure, attempts, clock.instant());
            failure = null;
            if (step instanceof RecoveryStep.RetrySameRefreshToken) {
                attempts = attempts.afterSameTokenRetry();
                continue;
            }
            if (step instanceof RecoveryStep.RemintFromCompany) {
                attempts = attempts.afterRemint();
                Optional<RefreshResult> reminted = remint(lease, grant, installation);
                if (reminted.isPresent()) {
                    return reminted.get();
                }
                failure = RefreshFailure.REJECTED;
                continue;
            }
            if (step instanceof RecoveryStep.Degrade degrade) {
                changeInstallation(installation.id(), i -> i.degrade(degrade.reason(), clock.instant()));
                leases.release(lease, true, Optional.of(clock.instant().plus(backoff(grant))));
                return new RefreshResult.Unavailable(Optional.empty());
            }
            if (step instanceof RecoveryStep.Suspend suspend) {
                changeInstallation(installation.id(), i -> i.suspend(suspend.reason(), clock.instant()));
                leases.release(lease, true, Optional.of(clock.instant().plus(backoff(grant))));
                return new RefreshResult.Suspended(suspend.reason());
            }
            StateReason reason = ((RecoveryStep.MarkNeedsReauth) step).reason();
            changeInstallation(installation.id(), i -> i.markNeedsReauth(reason, clock.instant()));
            leases.release(lease, true, Optional.empty());
            if (key.userType() == UserType.COMPANY) {
                installations.findById(installation.id()).ifPresent(cascade::cascade);
            }
            return new RefreshResult.NeedsReauth(reason);
        }
    }

    private RefreshResult store(RefreshLease lease, Grant refreshed, Installation installation, StateReason reason) {
        if (!leases.complete(lease, refreshed)) {
            // Our lease ran out and another holder took over: its stored pair wins.
            return grants.findByInstallationId(refreshed.installationId())
                .<RefreshResult>map(RefreshResult.Usable::new)
                .orElseGet(RefreshResult.Gone::new);
        }
        if (installation.status() != InstallationStatus.ACTIVE) {
            changeInstallation(installation.id(), i -> i.activate(reason, clock.instant()));
        }
        return grants.findByInstallationId(refreshed.installationId())
            .<RefreshResult>map(RefreshResult.Usable::new)
            .orElseGet(RefreshResult.Gone::new);
    }

    private boolean alwaysRemints(InstallationKey key, Grant grant) {
        return grant.source() == GrantSource.MINTED_FROM_COMPANY && apps.find(key.appId())
            .map(app -> app.locationTokenPolicy() == LocationTokenRefreshPolicy.ALWAYS_REMINT).orElse(false);
    }

    private boolean companyCanMint(InstallationKey location) {
        return installations.findByKey(location.companyKey())
            .flatMap(company -> grants.findByInstallationId(company.id())
                .map(companyGrant -> LocationTokenPolicy.decide(company, companyGrant, location)))
            .map(decision -> decision instanceof LocationTokenDecision.Allowed)
            .orElse(false);
    }

    private Optional<RefreshResult> remint(RefreshLease lease, Grant grant, Installation installation) {
        InstallationKey key = installation.key();
        Optional<Installation> company = installations.findByKey(key.companyKey());
        if (company.isEmpty()) {
            return Optional.empty();
        }
        RefreshResult companyResult = refresh(company.get().id(), false);
        if (!(companyResult instanceof RefreshResult.Usable usable)) {
            return Optional.empty();
        }
        if (!(LocationTokenPolicy.decide(company.get(), usable.grant(), key) instanceof LocationTokenDecision.Allowed)) {
            return Optional.empty();
        }
        TokenExchangeOutcome outcome = gateway.mintLocationToken(key.appId(), usable.grant().accessToken(),
            key.companyId(), key.locationId().orElseThrow());
        if (outcome instanceof TokenExchangeOutcome.Issued issued) {
            return Optional.of(store(lease, grant.remint(issued.tokens()), installation, StateReason.GRANT_MINTED));
        }
        return Optional.empty();
    }

    private Duration backoff(Grant grant) {
        int failures = Math.min(grant.bookkeeping().consecutiveFailures(), 10);
        Duration base = settings.backoffBase().multipliedBy(1L << failures);
        Duration capped = base.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : base;
        return capped.plusMillis((long) (capped.toMillis() * 0.2 * jitter.getAsDouble()));
    }

    private void changeInstallation(InstallationId id, UnaryOperator<Installation> change) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                transactions.runInTransaction(() -> installations.findById(id).ifPresent(current -> {
                    Installation changed = change.apply(current);
                    if (changed != current) {
                        installations.update(changed);
                        events.publish(changed.recordedEvents());
                    }
                }));
                return;
            } catch (ConcurrentUpdateException raced) {
                // someone changed the installation meanwhile: apply the change to the newer state
            } catch (io.accesshub.domain.shared.DomainException notApplicable) {
                return;
            }
        }
    }
}
