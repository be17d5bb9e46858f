package io.accesshub.domain.installation;

import io.accesshub.domain.marketplace.PlanId;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One marketplace app installed for one agency (Company) or one location: the aggregate that owns the lifecycle
 * state, the reason for it and the stamp that orders lifecycle events.
 *
 * <p>Immutable: every behaviour method returns the changed installation (or the same one when nothing changes)
 * and appends the lifecycle events it caused to {@link #recordedEvents()}, which the application publishes after
 * saving. The tokens live in a separate aggregate, the {@code Grant}, keyed by this installation's id: tokens
 * rotate every day under a refresh lease while the lifecycle changes rarely and from webhooks, so keeping them
 * apart lets each be saved with its own optimistic version without the two writers colliding.
 *
 * <p>{@code version} is the optimistic-locking version as stored; repositories compare and advance it.
 * {@link #equals(Object)} compares all stored state (not the recorded events).
 */
public final class Installation {

    private final InstallationId id;
    private final InstallationKey key;
    private final CompanyInstallDetails companyDetails;
    private final InstallationStatus status;
    private final StateReason reason;
    private final Instant createdAt;
    private final Instant statusChangedAt;
    private final Instant lastLifecycleChangeAt;
    private final Plan plan;
    private final long version;
    private final List<InstallationEvent> recordedEvents;

    /**
     * The app's plan as HighLevel last reported it for this installation, and when: reports older than the last one
     * are ignored, so a plan change and an install that arrive out of order converge.
     */
    private record Plan(Optional<PlanId> id, Optional<Instant> reportedAt) {
        static final Plan UNKNOWN = new Plan(Optional.empty(), Optional.empty());

        Plan {
            Objects.requireNonNull(id, "plan id");
            Objects.requireNonNull(reportedAt, "plan reportedAt");
            if (id.isPresent() != reportedAt.isPresent()) {
                throw new IllegalArgumentException("a known plan has the time it was reported, and only then");
            }
        }

        boolean isOlderThanLastReport(Instant at) {
            return reportedAt.map(at::isBefore).orElse(false);
        }
    }

    private Installation(InstallationId id, InstallationKey key, CompanyInstallDetails companyDetails,
                         InstallationStatus status, StateReason reason, Instant createdAt, Instant statusChangedAt,
                         Instant lastLifecycleChangeAt, Plan plan, long version, List<InstallationEvent> recordedEvents) {
        this.id = Objects.requireNonNull(id, "id");
        this.key = Objects.requireNonNull(key, "key");
        this.companyDetails = Objects.requireNonNull(companyDetails, "companyDetails");
        this.status = Objects.requireNonNull(status, "status");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.statusChangedAt = Objects.requireNonNull(statusChangedAt, "statusChangedAt");
        this.lastLifecycleChangeAt = Objects.requireNonNull(lastLifecycleChangeAt, "lastLifecycleChangeAt");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.version = version;
        this.recordedEvents = List.copyOf(recordedEvents);
        DomainException.require(reason.status() == status,
                "reason " + reason + " does not explain status " + status);
        DomainException.require(version >= 0, "version must not be negative");
        if (key.userType() == UserType.LOCATION && !companyDetails.isNone()) {
            throw new DomainException(ErrorCode.WRONG_USER_TYPE,
                    "a location installation carries no company install details");
        }
    }

    /**
     * A newly known installation, {@link InstallationStatus#PENDING} until a grant is stored; records
     * {@link InstallationEventType#INSTALLED}.
     *
     * @param installedAt the stamp of the signal that revealed it (the callback's now, or the webhook's timestamp)
     */
    public static Installation create(InstallationId id, InstallationKey key, CompanyInstallDetails companyDetails,
                                      Instant installedAt) {
        return create(id, key, companyDetails, installedAt, Optional.empty());
    }

    /**
     * A newly known installation on the plan its install named (reported at {@code installedAt}), which its
     * {@link InstallationEventType#INSTALLED} event carries.
     */
    public static Installation create(InstallationId id, InstallationKey key, CompanyInstallDetails companyDetails,
                                      Instant installedAt, Optional<PlanId> plan) {
        Objects.requireNonNull(installedAt, "installedAt");
        Objects.requireNonNull(plan, "plan");
        Installation fresh = new Installation(id, key, companyDetails, InstallationStatus.PENDING,
                StateReason.AWAITING_GRANT, installedAt, installedAt, installedAt,
                new Plan(plan, plan.map(p -> installedAt)), 0L, List.of());
        return fresh.withEvent(InstallationEventType.INSTALLED, installedAt);
    }

    /** An installation as stored; applies no creation rules and records no events. */
    public static Installation rehydrate(InstallationId id, InstallationKey key, CompanyInstallDetails companyDetails,
                                         InstallationStatus status, StateReason reason, Instant createdAt,
                                         Instant statusChangedAt, Instant lastLifecycleChangeAt, long version) {
        return rehydrate(id, key, companyDetails, status, reason, createdAt, statusChangedAt, lastLifecycleChangeAt,
                Optional.empty(), Optional.empty(), version);
    }

    /**
     * An installation as stored, with the plan HighLevel last reported and when ({@code planReportedAt} is present
     * exactly when {@code plan} is); applies no rules and records no events.
     */
    public static Installation rehydrate(InstallationId id, InstallationKey key, CompanyInstallDetails companyDetails,
                                         InstallationStatus status, StateReason reason, Instant createdAt,
                                         Instant statusChangedAt, Instant lastLifecycleChangeAt, Optional<PlanId> plan,
                                         Optional<Instant> planReportedAt, long version) {
        return new Installation(id, key, companyDetails, status, reason, createdAt, statusChangedAt,
                lastLifecycleChangeAt, new Plan(plan, planReportedAt), version, List.of());
    }

    /**
     * A grant is now stored or working again: PENDING becomes ACTIVE ({@code ACTIVATED}); DEGRADED, SUSPENDED and
     * NEEDS_REAUTH become ACTIVE ({@code RECOVERED}); ACTIVE stays as it is. An uninstalled installation must be
     * reinstalled first.
     */
    public Installation activate(StateReason reason, Instant now) {
        requireReasonFor(reason, InstallationStatus.ACTIVE);
        if (status == InstallationStatus.ACTIVE) {
            return this;
        }
        requireMove(InstallationStatus.ACTIVE, "activate");
        InstallationEventType type = status == InstallationStatus.PENDING
                ? InstallationEventType.ACTIVATED
                : InstallationEventType.RECOVERED;
        return moveTo(InstallationStatus.ACTIVE, reason, now, lastLifecycleChangeAt, type);
    }

    /**
     * A refresh failed for a passing reason: ACTIVE becomes DEGRADED. DEGRADED stays, and SUSPENDED stays
     * suspended (an outage says nothing about the location being reactivated).
     */
    public Installation degrade(StateReason reason, Instant now) {
        requireReasonFor(reason, InstallationStatus.DEGRADED);
        if (status == InstallationStatus.DEGRADED || status == InstallationStatus.SUSPENDED) {
            return this;
        }
        requireMove(InstallationStatus.DEGRADED, "degrade");
        return moveTo(InstallationStatus.DEGRADED, reason, now, lastLifecycleChangeAt, InstallationEventType.DEGRADED);
    }

    /** HighLevel says the location is not active: ACTIVE or DEGRADED becomes SUSPENDED, keeping the grant. */
    public Installation suspend(StateReason reason, Instant now) {
        requireReasonFor(reason, InstallationStatus.SUSPENDED);
        if (status == InstallationStatus.SUSPENDED) {
            return this;
        }
        requireMove(InstallationStatus.SUSPENDED, "suspend");
        return moveTo(InstallationStatus.SUSPENDED, reason, now, lastLifecycleChangeAt,
                InstallationEventType.SUSPENDED);
    }

    /** The grant is lost beyond recovery: ACTIVE, DEGRADED or SUSPENDED becomes NEEDS_REAUTH. */
    public Installation markNeedsReauth(StateReason reason, Instant now) {
        requireReasonFor(reason, InstallationStatus.NEEDS_REAUTH);
        if (status == InstallationStatus.NEEDS_REAUTH) {
            return this;
        }
        requireMove(InstallationStatus.NEEDS_REAUTH, "mark as needing reauthorization");
        return moveTo(InstallationStatus.NEEDS_REAUTH, reason, now, lastLifecycleChangeAt,
                InstallationEventType.NEEDS_REAUTH);
    }

    /**
     * The app was removed: any installed state becomes UNINSTALLED (the caller erases the grant). Refused as stale
     * when stamped before the last lifecycle change (see {@link EventOrdering}); an uninstalled installation only
     * moves its stamp forward.
     *
     * @param stampedAt the time the removal happened (the webhook's timestamp, or now)
     * @param now       the time the hub records the change
     */
    public Installation uninstall(StateReason reason, Instant stampedAt, Instant now) {
        requireReasonFor(reason, InstallationStatus.UNINSTALLED);
        return switch (EventOrdering.judge(this, LifecycleSignal.UNINSTALL, stampedAt)) {
            case APPLY -> moveTo(InstallationStatus.UNINSTALLED, reason, now, stampedAt,
                    InstallationEventType.UNINSTALLED);
            case ADVANCE_STAMP -> withLifecycleStamp(stampedAt);
            case ALREADY_CONVERGED -> this;
            case IGNORE_STALE -> throw stale(LifecycleSignal.UNINSTALL, stampedAt);
        };
    }

    /**
     * HighLevel confirmed that the developer removed the app, as requested at {@code requestedAt}: any installed state
     * becomes UNINSTALLED ({@link StateReason#UNINSTALLED_BY_DEVELOPER}). The confirmation is the newest word on the
     * installation, so it is never stale: the lifecycle stamp becomes {@code now}, or stays when it is already later.
     *
     * <p>An installation already uninstalled by a removal that happened (or was recorded) at or after
     * {@code requestedAt} was removed by this request, whatever reported it first (HighLevel sends its UNINSTALL
     * webhook right after removing the app, so it often wins the race): its reason becomes
     * {@code UNINSTALLED_BY_DEVELOPER} without a second {@code UNINSTALLED} event, since listeners were told of the
     * removal already. An older removal stays as it is.
     */
    public Installation removeByDeveloper(Instant requestedAt, Instant now) {
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(now, "now");
        if (status == InstallationStatus.UNINSTALLED) {
            boolean removedSinceRequest = !lastLifecycleChangeAt.isBefore(requestedAt)
                    || !statusChangedAt.isBefore(requestedAt);
            if (reason == StateReason.UNINSTALLED_BY_DEVELOPER || !removedSinceRequest) {
                return this;
            }
            return new Installation(id, key, companyDetails, status, StateReason.UNINSTALLED_BY_DEVELOPER, createdAt,
                    statusChangedAt, lastLifecycleChangeAt, plan, version, recordedEvents);
        }
        Instant stamp = now.isBefore(lastLifecycleChangeAt) ? lastLifecycleChangeAt : now;
        return moveTo(InstallationStatus.UNINSTALLED, StateReason.UNINSTALLED_BY_DEVELOPER, now, stamp,
                InstallationEventType.UNINSTALLED);
    }

    /**
     * Whether the app was installed (again) after {@code at}: the installation is installed, and both its last
     * lifecycle change (an install signal, HighLevel's clock) and its last status change (the hub's clock, which
     * keeps a skewed webhook timestamp alone from counting) are later. A developer uninstall requested at {@code at}
     * was meant for an earlier install and must not remove this one.
     */
    public boolean installedSince(Instant at) {
        Objects.requireNonNull(at, "at");
        return status.isInstalled() && lastLifecycleChangeAt.isAfter(at) && statusChangedAt.isAfter(at);
    }

    /**
     * An install newer than the removal brings an uninstalled installation back as PENDING (awaiting a grant),
     * with the company details of the new install; records {@code REINSTALLED}.
     */
    public Installation reinstall(CompanyInstallDetails newCompanyDetails, Instant stampedAt, Instant now) {
        Objects.requireNonNull(newCompanyDetails, "newCompanyDetails");
        if (status != InstallationStatus.UNINSTALLED) {
            throw illegal("reinstall");
        }
        if (EventOrdering.judge(this, LifecycleSignal.INSTALL, stampedAt) != OrderingDecision.APPLY) {
            throw stale(LifecycleSignal.INSTALL, stampedAt);
        }
        Objects.requireNonNull(now, "now");
        return new Installation(id, key, newCompanyDetails, InstallationStatus.PENDING, StateReason.REINSTALLED,
                createdAt, now, stampedAt, plan, version, recordedEvents)
                .withEvent(InstallationEventType.REINSTALLED, now);
    }

    /**
     * An install signal for an installation that is already installed: moves the lifecycle stamp forward when the
     * signal is newer, so older uninstall signals arriving later stay stale. Uninstalled installations must be
     * {@link #reinstall reinstalled} instead.
     */
    public Installation confirmInstalled(Instant stampedAt) {
        return switch (EventOrdering.judge(this, LifecycleSignal.INSTALL, stampedAt)) {
            case ADVANCE_STAMP -> withLifecycleStamp(stampedAt);
            case ALREADY_CONVERGED -> this;
            case APPLY, IGNORE_STALE -> throw illegal("confirm as installed");
        };
    }

    /** Records what a new agency install said about its locations; company installations only. */
    public Installation recordCompanyDetails(CompanyInstallDetails newCompanyDetails) {
        Objects.requireNonNull(newCompanyDetails, "newCompanyDetails");
        if (userType() != UserType.COMPANY) {
            throw new DomainException(ErrorCode.WRONG_USER_TYPE,
                    "installation " + id + " is a location installation and has no company install details");
        }
        if (newCompanyDetails.equals(companyDetails)) {
            return this;
        }
        return new Installation(id, key, newCompanyDetails, status, reason, createdAt, statusChangedAt,
                lastLifecycleChangeAt, plan, version, recordedEvents);
    }


    /**
     * A grant was just stored for this installation lacking some of the app's configured scopes (as
     * {@code ScopeRequirement} judges): records {@code SCOPES_MISSING}. The status and reason stay as they are: calls
     * that need no missing scope still work.
     */
    public Installation recordScopesMissing(Instant now) {
        Objects.requireNonNull(now, "now");
        return withEvent(InstallationEventType.SCOPES_MISSING, now);
    }

    /**
     * HighLevel reported the app's plan at {@code reportedAt} (an install naming it, or a plan change): stored unless
     * an earlier report is newer; records {@code PLAN_CHANGED} whenever the plan differs from the one known, or none
     * was known. Apply it before the lifecycle change of the same signal, so that that change's event carries it.
     */
    public Installation recordPlan(PlanId reported, Instant reportedAt, Instant now) {
        Objects.requireNonNull(reported, "reported");
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(now, "now");
        if (plan.isOlderThanLastReport(reportedAt) || plan.reportedAt().equals(Optional.of(reportedAt))
                && plan.id().equals(Optional.of(reported))) {
            return this;
        }
        boolean changed = !plan.id().equals(Optional.of(reported));
        Installation recorded = new Installation(id, key, companyDetails, status, reason, createdAt, statusChangedAt,
                lastLifecycleChangeAt, new Plan(Optional.of(reported), Optional.of(reportedAt)), version,
                recordedEvents);
        return changed ? recorded.withEvent(InstallationEventType.PLAN_CHANGED, now) : recorded;
    }

    private Installation moveTo(InstallationStatus target, StateReason newReason, Instant now,
                                Instant newLifecycleStamp, InstallationEventType eventType) {
        Objects.requireNonNull(now, "now");
        return new Installation(id, key, companyDetails, target, newReason, createdAt, now, newLifecycleStamp,
                plan, version, recordedEvents).withEvent(eventType, now);
    }

    private Installation withLifecycleStamp(Instant stampedAt) {
        return new Installation(id, key, companyDetails, status, reason, createdAt, statusChangedAt, stampedAt,
                plan, version, recordedEvents);
    }

    private Installation withEvent(InstallationEventType type, Instant at) {
        List<InstallationEvent> events = new ArrayList<>(recordedEvents);
        events.add(new InstallationEvent(type, id, key, status, reason, at, plan.id()));
        return new Installation(id, key, companyDetails, status, reason, createdAt, statusChangedAt,
                lastLifecycleChangeAt, plan, version, events);
    }

    private void requireReasonFor(StateReason newReason, InstallationStatus target) {
        Objects.requireNonNull(newReason, "reason");
        DomainException.require(newReason.status() == target,
                "reason " + newReason + " does not explain status " + target);
    }

    private void requireMove(InstallationStatus target, String what) {
        if (!status.canMoveTo(target)) {
            throw illegal(what);
        }
    }

    private DomainException illegal(String what) {
        return new DomainException(ErrorCode.ILLEGAL_TRANSITION,
                "cannot " + what + " installation " + id + " in state " + status);
    }

    private DomainException stale(LifecycleSignal signal, Instant stampedAt) {
        return new DomainException(ErrorCode.STALE_LIFECYCLE_EVENT,
                signal + " stamped " + stampedAt + " is older than the last lifecycle change of installation "
                        + id + " at " + lastLifecycleChangeAt);
    }

    public InstallationId id() {
        return id;
    }

    public InstallationKey key() {
        return key;
    }

    /** Company for an agency installation, Location otherwise (derived from the key). */
    public UserType userType() {
        return key.userType();
    }

    /** Approved locations and flags of an agency install; {@link CompanyInstallDetails#none()} for locations. */
    public CompanyInstallDetails companyDetails() {
        return companyDetails;
    }

    public InstallationStatus status() {
        return status;
    }

    public StateReason reason() {
        return reason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When the status last changed, as recorded by the hub. */
    public Instant statusChangedAt() {
        return statusChangedAt;
    }

    /** The stamp of the newest install/uninstall signal seen; {@link EventOrdering} judges signals against it. */
    public Instant lastLifecycleChangeAt() {
        return lastLifecycleChangeAt;
    }

    /** The app's plan as HighLevel last reported it (paid apps sell several); empty when none was reported. */
    public Optional<PlanId> plan() {
        return plan.id();
    }

    /** When HighLevel reported {@link #plan()}; present exactly when the plan is. */
    public Optional<Instant> planReportedAt() {
        return plan.reportedAt();
    }

    /** The optimistic-locking version this state was loaded with (0 for a new installation). */
    public long version() {
        return version;
    }

    /** Lifecycle events caused since this installation was created or loaded, oldest first. */
    public List<InstallationEvent> recordedEvents() {
        return recordedEvents;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Installation other)) {
            return false;
        }
        return version == other.version && id.equals(other.id) && key.equals(other.key)
                && companyDetails.equals(other.companyDetails) && status == other.status && reason == other.reason
                && createdAt.equals(other.createdAt) && statusChangedAt.equals(other.statusChangedAt)
                && lastLifecycleChangeAt.equals(other.lastLifecycleChangeAt) && plan.equals(other.plan);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, key, companyDetails, status, reason, createdAt, statusChangedAt,
                lastLifecycleChangeAt, plan, version);
    }

    @Override
    public String toString() {
        return "Installation[" + id + " " + key + " " + status + " (" + reason + ") v" + version + "]";
    }
}
