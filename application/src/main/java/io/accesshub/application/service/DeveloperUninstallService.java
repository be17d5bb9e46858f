package io.accesshub.application.service;

import io.accesshub.application.port.in.RetryUninstallsUseCase;
import io.accesshub.application.port.in.UninstallInstallationUseCase;
import io.accesshub.application.port.in.UninstallResult;
import io.accesshub.application.port.out.ConcurrentUpdateException;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.MarketplaceUninstaller;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.port.out.UninstallOutcome;
import io.accesshub.application.port.out.UninstallRequests;
import io.accesshub.application.service.GrantRefresher.RefreshResult;
import io.accesshub.domain.grant.AccessTokenDigest;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.uninstall.DeveloperUninstall;
import io.accesshub.domain.uninstall.MarketplaceAnswer;
import io.accesshub.domain.uninstall.UninstallFailure;
import io.accesshub.domain.uninstall.UninstallReason;
import io.accesshub.domain.uninstall.UninstallRequest;
import io.accesshub.domain.uninstall.UninstallStep;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Developer-initiated uninstall. The request is stored before HighLevel is asked and forgotten only after the hub
 * has recorded the outcome, so a crash in between leaves it to the background retry (HighLevel's uninstall is
 * idempotent). HighLevel's answer is judged by the domain's {@link DeveloperUninstall} rule.
 */
public final class DeveloperUninstallService implements UninstallInstallationUseCase, RetryUninstallsUseCase {

    /** Whose token authorises the uninstall of a location installation. */
    public enum LocationCredential {
        /** The location's own token (with {@code locationId}). */
        LOCATION,
        /** The token of the agency that owns the location (with {@code companyId} and {@code locationId}). */
        AGENCY
    }

    private static final Duration LEASE = Duration.ofMinutes(2);

    private final InstallationRepository installations;
    private final GrantRepository grants;
    private final UninstallRequests requests;
    private final MarketplaceUninstaller marketplace;
    private final GrantRefresher refresher;
    private final CompanyCascadeRunner cascade;
    private final InstallationTransitions transitions;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final String owner;
    private final LocationCredential locationCredential;
    private final OutcomeKeeper keeper;

    /** {@code keeper} holds HighLevel's confirmation until it is recorded, should our database fail right then. */
    public DeveloperUninstallService(InstallationRepository installations, GrantRepository grants,
                                     UninstallRequests requests, MarketplaceUninstaller marketplace,
                                     GrantRefresher refresher, CompanyCascadeRunner cascade,
                                     InstallationTransitions transitions, TransactionRunner transactions, Clock clock,
                                     String owner, LocationCredential locationCredential, OutcomeKeeper keeper) {
        this.installations = Objects.requireNonNull(installations, "installations");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.marketplace = Objects.requireNonNull(marketplace, "marketplace");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.cascade = Objects.requireNonNull(cascade, "cascade");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.locationCredential = Objects.requireNonNull(locationCredential, "locationCredential");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
    }

    @Override
    public UninstallResult uninstall(InstallationId id, UninstallReason reason) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Optional<Installation> installation = installations.findById(id);
        if (installation.isEmpty()) {
            return UninstallResult.NOT_FOUND;
        }
        if (installation.get().status() == InstallationStatus.UNINSTALLED && requests.find(id).isEmpty()) {
            return UninstallResult.UNINSTALLED;
        }
        requests.find(id).filter(kept -> DeveloperUninstall.isSuperseded(kept, installation.get()))
            .ifPresent(kept -> requests.remove(id));
        Optional<UninstallResult> result = open(id, reason);
        if (result.isEmpty()) {
            // the request claimed was for an earlier install and was dropped; this one is for the install there now
            result = open(id, reason);
        }
        return result.orElse(UninstallResult.QUEUED);
    }

    /** Opens (or finds) the request and attempts it when claimable; empty when it was dropped as superseded. */
    private Optional<UninstallResult> open(InstallationId id, UninstallReason reason) {
        Optional<UninstallRequest> claimed = requests.openAndClaim(
            UninstallRequest.requested(id, reason, clock.instant()), owner, LEASE, clock.instant());
        return claimed.isEmpty() ? Optional.of(UninstallResult.QUEUED) : attemptGuarded(claimed.get());
    }

    @Override
    public boolean retryNext() {
        Optional<UninstallRequest> claimed = requests.claimDue(owner, LEASE, clock.instant());
        claimed.ifPresent(this::attemptGuarded);
        return claimed.isPresent();
    }

    /**
     * {@link #attempt} of one claimed request; an attempt that breaks down inside the hub (database, refresher) is
     * rescheduled as {@link UninstallFailure#INTERNAL} with the usual backoff instead of staying leased, so the
     * background run goes on with the next request. When even that write fails, the lease runs out and the request is
     * tried again.
     */
    private Optional<UninstallResult> attemptGuarded(UninstallRequest request) {
        try {
            return attempt(request);
        } catch (RuntimeException broken) {
            try {
                requests.reschedule(request.failed(UninstallFailure.INTERNAL, Optional.empty(), clock.instant()),
                    owner);
            } catch (RuntimeException alsoBroken) {
                broken.addSuppressed(alsoBroken);
            }
            return Optional.of(UninstallResult.QUEUED);
        }
    }

    /**
     * One attempt of a claimed request: drop it when the app was installed again since it was made, ask HighLevel
     * unless the app is gone already, then follow the rule. Empty when the request was dropped.
     */
    private Optional<UninstallResult> attempt(UninstallRequest request) {
        Optional<Installation> installation = installations.findById(request.installationId());
        if (installation.isEmpty()) {
            requests.remove(request.installationId());
            return Optional.of(UninstallResult.NOT_FOUND);
        }
        if (DeveloperUninstall.isSuperseded(request, installation.get())) {
            requests.remove(request.installationId());
            return Optional.empty();
        }
        Attempt attempt = installation.get().status() == InstallationStatus.UNINSTALLED
            ? new Attempt(request, Answer.of(MarketplaceAnswer.NOT_INSTALLED))
            : ask(installation.get(), request);
        Answer answer = attempt.answer();
        UninstallStep step = DeveloperUninstall.next(attempt.request(), answer.answer(), answer.retryAfter(),
            clock.instant());
        if (step instanceof UninstallStep.RetryLater later) {
            requests.reschedule(later.next(), owner);
            return Optional.of(UninstallResult.QUEUED);
        }
        // HighLevel has removed the app: keep that until it is recorded, even through an outage of our database
        // (the keeper retries in the background, and refreshes of the installation wait meanwhile, so a retry of the
        // request cannot present a token HighLevel revoked with the app)
        List<Optional<UninstallResult>> recorded = new ArrayList<>(1);
        keeper.writeOrKeep(request.installationId(), "a developer uninstall HighLevel confirmed", () -> {
            recorded.add(complete(request));
            return true;
        });
        return recorded.get(0);
    }

    /** What HighLevel's side came to, with its Retry-After when it sent one. */
    private record Answer(MarketplaceAnswer answer, Optional<Duration> retryAfter) {
        static Answer of(MarketplaceAnswer answer) {
            return new Answer(answer, Optional.empty());
        }
    }

    /** The request as it stands after the attempt (marked sent once a call may have gone out) and the answer. */
    private record Attempt(UninstallRequest request, Answer answer) {
    }

    /**
     * Calls HighLevel with the first usable credential ({@link #credentialHolders}); a rejected token is renewed once
     * and the call sent again, unless a call may have been sent for the request before: then the rejection is
     * HighLevel having revoked the tokens with the app, and renewing would only report a false loss of consent.
     */
    private Attempt ask(Installation installation, UninstallRequest request) {
        boolean sentBefore = request.sent();
        boolean scopeMissing = false;
        for (Installation credential : credentialHolders(installation)) {
            Optional<Grant> held = grants.findByInstallationId(credential.id());
            if (held.isPresent() && !DeveloperUninstall.canAuthorise(held.get())) {
                scopeMissing = true;
                continue;
            }
            RefreshResult token = refresher.refresh(credential.id(), false);
            if (isRevoked(token)) {
                continue;
            }
            if (!(token instanceof RefreshResult.Usable usable)) {
                return new Attempt(request, answerFor(token));
            }
            UninstallRequest sending = markSent(request);
            UninstallOutcome outcome = send(installation, credential, usable.grant(), request.reason());
            if (outcome instanceof UninstallOutcome.TokenRejected) {
                if (sentBefore) {
                    return new Attempt(sending, Answer.of(MarketplaceAnswer.CREDENTIALS_REVOKED));
                }
                RefreshResult renewed = refresher.refreshRejected(credential.id(),
                    AccessTokenDigest.of(usable.grant().accessToken()));
                if (!(renewed instanceof RefreshResult.Usable again)) {
                    return new Attempt(sending, answerFor(renewed));
                }
                outcome = send(installation, credential, again.grant(), request.reason());
            }
            return new Attempt(sending, answerFor(outcome));
        }
        return new Attempt(request, Answer.of(scopeMissing && !sentBefore
            ? MarketplaceAnswer.SCOPE_MISSING : MarketplaceAnswer.CREDENTIALS_REVOKED));
    }

    /** Stores, before a call is sent, that one may have been; the request as it now stands. */
    private UninstallRequest markSent(UninstallRequest request) {
        if (!request.sent()) {
            requests.markSent(request.installationId(), owner);
        }
        return request.sending();
    }

    private static boolean isRevoked(RefreshResult token) {
        return token instanceof RefreshResult.Gone || token instanceof RefreshResult.NeedsReauth;
    }

    private UninstallOutcome send(Installation target, Installation credential, Grant grant, UninstallReason reason) {
        return marketplace.uninstall(target.key(), grant.accessToken(), credential.userType(), reason);
    }

    /**
     * The installations whose token may authorise the call, in the order tried: an agency's own; for a location its
     * own and its agency's (when that serves tokens), the agency's first when so configured.
     */
    private List<Installation> credentialHolders(Installation installation) {
        if (installation.userType() == UserType.COMPANY) {
            return List.of(installation);
        }
        Optional<Installation> agency = installations.findByKey(installation.key().companyKey())
            .filter(found -> found.status().servesTokens());
        if (agency.isEmpty()) {
            return List.of(installation);
        }
        return locationCredential == LocationCredential.AGENCY
            ? List.of(agency.get(), installation)
            : List.of(installation, agency.get());
    }

    private static Answer answerFor(RefreshResult token) {
        if (token instanceof RefreshResult.Unavailable unavailable) {
            return new Answer(MarketplaceAnswer.UNAVAILABLE, unavailable.retryAfter());
        }
        if (token instanceof RefreshResult.Suspended) {
            return Answer.of(MarketplaceAnswer.LOCATION_NOT_ACTIVE);
        }
        if (token instanceof RefreshResult.AppMisconfigured) {
            return Answer.of(MarketplaceAnswer.APP_MISCONFIGURED);
        }
        // NeedsReauth or Gone after a rejected token: no credential of the installation is accepted any more
        return Answer.of(MarketplaceAnswer.CREDENTIALS_REVOKED);
    }

    private static Answer answerFor(UninstallOutcome outcome) {
        if (outcome instanceof UninstallOutcome.Removed) {
            return Answer.of(MarketplaceAnswer.REMOVED);
        }
        if (outcome instanceof UninstallOutcome.NotInstalled) {
            return Answer.of(MarketplaceAnswer.NOT_INSTALLED);
        }
        if (outcome instanceof UninstallOutcome.Unavailable unavailable) {
            return new Answer(MarketplaceAnswer.UNAVAILABLE, unavailable.retryAfter());
        }
        // Refused, or a freshly renewed token rejected again: nothing says the app is gone
        return Answer.of(MarketplaceAnswer.REFUSED);
    }

    /**
     * Records the removal (tokens erased, uninstalled by the developer, events) in one transaction, cascades to the
     * agency's minted locations, and only then forgets the request, so that a crash before the end is finished by
     * the retry. An install newer than the request (it arrived while HighLevel was asked) is left alone and the
     * request dropped (empty). A write that kept losing races throws, like a failed one: the keeper holds HighLevel's
     * confirmation and retries, and refreshes of the installation wait meanwhile.
     */
    private Optional<UninstallResult> complete(UninstallRequest request) {
        InstallationId id = request.installationId();
        Optional<Installation> recorded = RetryOnConflict.run(() -> transactions.inTransaction(() -> {
            Installation current = installations.findById(id).orElseThrow();
            if (DeveloperUninstall.isSuperseded(request, current)) {
                return Optional.<Installation>empty();
            }
            return Optional.of(transitions.record(current, current.removeByDeveloper(request.requestedAt(),
                clock.instant())));
        })).orElseThrow(() -> new ConcurrentUpdateException("the installation kept changing while HighLevel's "
            + "removal was recorded; it is kept and recorded again"));
        if (recorded.isEmpty()) {
            requests.remove(id);
            return Optional.empty();
        }
        Installation removed = recorded.get();
        if (removed.userType() == UserType.COMPANY) {
            cascade.cascadeDeveloperRemoval(removed);
        }
        requests.remove(id);
        return Optional.of(UninstallResult.UNINSTALLED);
    }
}
