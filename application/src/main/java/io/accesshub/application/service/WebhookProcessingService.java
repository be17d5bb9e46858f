package io.accesshub.application.service;

import io.accesshub.application.port.in.ProcessWebhooksUseCase;
import io.accesshub.application.port.out.ConcurrentUpdateException;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.IdGenerator;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.LocationOwners;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.port.out.WebhookEventHandler;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.application.port.out.WebhookInbox.InboxEvent;
import io.accesshub.domain.webhook.MarketplaceEvent;
import io.accesshub.domain.webhook.WebhookOutcome;
import io.accesshub.domain.webhook.WebhookRetryPolicy;
import io.accesshub.application.service.GrantRefresher.RefreshResult;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.PlanId;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.shared.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies inbox events so that installations converge whatever order INSTALL, UNINSTALL, LocationCreate and the
 * OAuth callback arrive in: each signal carries its own timestamp and the domain's {@code EventOrdering} refuses a
 * signal older than the installation's last lifecycle change. Failures are retried with backoff, then parked as dead.
 * INSTALL and LocationCreate also say which agency owns a location, which is all on-demand minting relies on.
 */
public final class WebhookProcessingService implements ProcessWebhooksUseCase {

    private static final Duration LEASE = Duration.ofMinutes(2);

    private final WebhookInbox inbox;
    private final MarketplaceApps apps;
    private final InstallationRepository installations;
    private final GrantRepository grants;
    private final GrantRefresher refresher;
    private final InstallationEventPublisher events;
    private final TransactionRunner transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final String owner;
    private final LocationMinter minter;
    private final CompanyCascadeRunner cascade;
    private final List<WebhookEventHandler> handlers;
    private final LocationOwners owners;
    private final InstallationTransitions transitions;

    public WebhookProcessingService(WebhookInbox inbox, MarketplaceApps apps, InstallationRepository installations,
                                    GrantRepository grants, GrantRefresher refresher, LocationMinter minter,
                                    CompanyCascadeRunner cascade, InstallationEventPublisher events,
                                    TransactionRunner transactions, IdGenerator ids, Clock clock, String owner,
                                    List<WebhookEventHandler> handlers, LocationOwners owners,
                                    InstallationTransitions transitions) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.installations = Objects.requireNonNull(installations, "installations");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.minter = Objects.requireNonNull(minter, "minter");
        this.cascade = Objects.requireNonNull(cascade, "cascade");
        this.handlers = List.copyOf(handlers);
        this.owners = Objects.requireNonNull(owners, "owners");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
    }

    @Override
    public boolean processNext() {
        Optional<InboxEvent> claimed = inbox.claimNext(owner, LEASE);
        if (claimed.isEmpty()) {
            return false;
        }
        InboxEvent event = claimed.get();
        WebhookOutcome outcome;
        try {
            outcome = handle(event);
        } catch (RuntimeException failed) {
            // a technical failure (database, an extension's bug): the hub's rules are idempotent, so try again
            outcome = WebhookRetryPolicy.afterFailure(event.attempts(),
                failed.getClass().getSimpleName() + ": " + failed.getMessage(), clock.instant());
        }
        if (outcome instanceof WebhookOutcome.RetryLater later) {
            inbox.markFailed(event, later.reason(), later.after(), false);
        } else if (outcome instanceof WebhookOutcome.Dead dead) {
            inbox.markFailed(event, dead.reason(), clock.instant(), true);
        } else {
            inbox.markDone(event);
        }
        return true;
    }

    /** Applies the hub's own rule for the event's kind, then hands an uninterpreted event to the extensions. */
    private WebhookOutcome handle(InboxEvent event) {
        Instant stamp = event.timestamp().orElse(event.receivedAt());
        MarketplaceEvent payload = event.event();
        if (payload instanceof MarketplaceEvent.Install install) {
            Optional<MarketplaceAppId> app = appOf(event);
            return app.isEmpty() ? WebhookOutcome.done() : install(app.get(), install, stamp, event.attempts());
        } else if (payload instanceof MarketplaceEvent.Uninstall uninstall) {
            appOf(event).ifPresent(app -> uninstall(app, uninstall, stamp));
        } else if (payload instanceof MarketplaceEvent.LocationCreated created) {
            return locationCreated(appOf(event), created, event.attempts());
        } else if (payload instanceof MarketplaceEvent.PlanChanged changed) {
            Optional<MarketplaceAppId> app = appOf(event);
            return app.isEmpty() ? WebhookOutcome.done() : planChanged(app.get(), changed, stamp, event.attempts());
        } else if (payload instanceof MarketplaceEvent.Other other) {
            return handOver(event, other);
        }
        return WebhookOutcome.done();
    }

    private WebhookOutcome handOver(InboxEvent event, MarketplaceEvent.Other other) {
        List<WebhookEventHandler> interested = handlers.stream().filter(h -> h.handles(other.type())).toList();
        if (interested.isEmpty()) {
            return WebhookOutcome.done();
        }
        WebhookEventHandler.VerifiedWebhook verified = new WebhookEventHandler.VerifiedWebhook(event.webhookId(),
            other.type(), event.app().map(MarketplaceAppId::value), other.location().map(LocationId::value),
            other.company().map(CompanyId::value), other.body());
        Optional<Installation> installation = installationOf(event.app(), other);
        for (WebhookEventHandler handler : interested) {
            try {
                handler.handle(verified, installation);
            } catch (RuntimeException handlerFailed) {
                return WebhookRetryPolicy.afterFailure(event.attempts(), "handler "
                    + handler.getClass().getSimpleName() + " failed: " + handlerFailed.getClass().getSimpleName(),
                    clock.instant());
            }
        }
        return WebhookOutcome.done();
    }

    /** The installation an event concerns: the app's location installation, else its agency installation. */
    private Optional<Installation> installationOf(Optional<MarketplaceAppId> eventApp, MarketplaceEvent.Other other) {
        Optional<MarketplaceAppId> app = eventApp.flatMap(apps::find).map(MarketplaceApp::id);
        if (app.isEmpty()) {
            return Optional.empty();
        }
        Optional<Installation> location = other.location().flatMap(l -> installations.findLocation(app.get(), l));
        if (location.isPresent()) {
            return location;
        }
        return other.company().flatMap(c -> installations.findByKey(InstallationKey.forCompany(app.get(), c)));
    }

    /** The configured app the event is for, if any. */
    private Optional<MarketplaceAppId> appOf(InboxEvent event) {
        return event.app().flatMap(apps::find).map(MarketplaceApp::id);
    }

    private WebhookOutcome install(MarketplaceAppId app, MarketplaceEvent.Install event, Instant stamp,
                                   int attempts) {
        InstallationKey key = event.location()
            .map(location -> InstallationKey.forLocation(app, event.company(), location))
            .orElseGet(() -> InstallationKey.forCompany(app, event.company()));
        event.location().ifPresent(location -> owners.learn(app, event.company(), List.of(location)));
        Installation installation = recordSignal(key, stamp, true, event.plan());
        if (event.location().isPresent() && installation.status() == InstallationStatus.PENDING
            && mintFromAgency(app, event.company(), event.location().get()) == MintResult.TRY_LATER) {
            return WebhookRetryPolicy.afterFailure(attempts, "HighLevel unavailable while minting", clock.instant());
        }
        return WebhookOutcome.done();
    }

    private void uninstall(MarketplaceAppId app, MarketplaceEvent.Uninstall event, Instant stamp) {
        Optional<InstallationKey> key;
        if (event.location().isPresent()) {
            LocationId location = event.location().get();
            key = event.company().map(c -> InstallationKey.forLocation(app, c, location))
                .or(() -> installations.findLocation(app, location).map(Installation::key));
        } else {
            key = event.company().map(c -> InstallationKey.forCompany(app, c));
        }
        if (key.isEmpty()) {
            return;
        }
        Installation installation = recordSignal(key.get(), stamp, false, Optional.empty());
        if (installation.status() == InstallationStatus.UNINSTALLED && key.get().userType() == UserType.COMPANY) {
            cascade.cascade(installation);
        }
    }

    /**
     * Applies an install or uninstall signal stamped {@code stamp} to the installation with this key (creating it
     * when unknown, so that a later but older signal is recognised as stale), in one transaction; an install also
     * reports the plan it names.
     */
    private Installation recordSignal(InstallationKey key, Instant stamp, boolean install, Optional<PlanId> plan) {
        return RetryOnConflict.run(() -> transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<Installation> existing = installations.findByKey(key);
            if (existing.isEmpty()) {
                Installation created = Installation.create(ids.newInstallationId(), key,
                    CompanyInstallDetails.none(), stamp, plan);
                if (!install) {
                    created = created.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, stamp, now);
                }
                installations.add(created);
                events.publish(created.recordedEvents());
                return created;
            }
            Installation current = existing.get();
            return transitions.record(current, apply(withPlan(current, plan, stamp, now), install, stamp, now));
        })).orElseThrow(() -> new ConcurrentUpdateException("the installation kept changing while a signal was "
            + "recorded; the webhook is processed again"));
    }

    private static Installation withPlan(Installation installation, Optional<PlanId> plan, Instant stamp,
                                         Instant now) {
        return plan.map(p -> installation.recordPlan(p, stamp, now)).orElse(installation);
    }

    /**
     * A plan change applies to the location's installation when it names a location, else to the agency's. One for an
     * installation the hub does not know yet is tried again later (with the webhook retry policy, so at worst it ends
     * as a dead letter an operator can replay): the INSTALL that comes late still names the old plan.
     */
    private WebhookOutcome planChanged(MarketplaceAppId app, MarketplaceEvent.PlanChanged event, Instant stamp,
                                       int attempts) {
        if (event.newPlan().isEmpty()) {
            return WebhookOutcome.done();
        }
        Optional<Installation> installation = event.location().isPresent()
            ? event.company().flatMap(c -> installations.findByKey(
                    InstallationKey.forLocation(app, c, event.location().get())))
                .or(() -> installations.findLocation(app, event.location().get()))
            : event.company().flatMap(c -> installations.findByKey(InstallationKey.forCompany(app, c)));
        if (installation.isEmpty()) {
            return WebhookRetryPolicy.afterFailure(attempts, "plan change for an installation not known yet",
                clock.instant());
        }
        transitions.apply(installation.get().id(),
            current -> current.recordPlan(event.newPlan().get(), stamp, clock.instant()));
        return WebhookOutcome.done();
    }

    private static Installation apply(Installation current, boolean install, Instant stamp, Instant now) {
        try {
            if (install) {
                return current.status() == InstallationStatus.UNINSTALLED
                    ? current.reinstall(current.companyDetails(), stamp, now)
                    : current.confirmInstalled(stamp);
            }
            return current.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, stamp, now);
        } catch (DomainException staleOrIllegal) {
            return current;
        }
    }

    /**
     * A new location is minted only for the app the event arrived for, and only from that app's agency install at
     * the location's company when it serves tokens and covers future locations.
     */
    private WebhookOutcome locationCreated(Optional<MarketplaceAppId> app, MarketplaceEvent.LocationCreated event,
                                           int attempts) {
        if (app.isEmpty()) {
            return WebhookOutcome.done();
        }
        owners.learn(app.get(), event.company(), List.of(event.location()));
        boolean coversNewLocations = installations.findByKey(InstallationKey.forCompany(app.get(), event.company()))
            .filter(agency -> agency.status().servesTokens())
            .filter(agency -> agency.companyDetails().installToFutureLocations())
            .isPresent();
        if (coversNewLocations
            && mintFromAgency(app.get(), event.company(), event.location()) == MintResult.TRY_LATER) {
            return WebhookRetryPolicy.afterFailure(attempts, "HighLevel unavailable while minting", clock.instant());
        }
        return WebhookOutcome.done();
    }

    /** A location that is active with a grant needs no new mint (a retried or repeated event must not mint again). */
    private boolean alreadyMinted(MarketplaceAppId app, CompanyId company, LocationId location) {
        return installations.findByKey(InstallationKey.forLocation(app, company, location))
            .filter(i -> i.status() == InstallationStatus.ACTIVE)
            .flatMap(i -> grants.findByInstallationId(i.id()))
            .isPresent();
    }

    /** Whether minting from the agency is done (or not possible) or must be tried again later. */
    private enum MintResult { SETTLED, TRY_LATER }

    /** Mints the location's token from its agency's grant, when the agency serves tokens and it is not minted yet. */
    private MintResult mintFromAgency(MarketplaceAppId app, CompanyId company, LocationId location) {
        Optional<Installation> agency = installations.findByKey(InstallationKey.forCompany(app, company))
            .filter(c -> c.status().servesTokens());
        if (agency.isEmpty() || alreadyMinted(app, company, location)) {
            return MintResult.SETTLED;
        }
        RefreshResult grant = refresher.refresh(agency.get().id(), false);
        return grant instanceof RefreshResult.Usable usable
            && minter.mint(agency.get(), usable.grant(), location) == LocationMinter.Outcome.TRY_LATER
            ? MintResult.TRY_LATER : MintResult.SETTLED;
    }
}
