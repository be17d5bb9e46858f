package io.accesshub.application.service;

import io.accesshub.application.port.in.ProcessWebhooksUseCase;
import io.accesshub.application.port.out.ConcurrentUpdateException;
import io.accesshub.application.port.out.AlreadyExistsException;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.IdGenerator;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.port.out.WebhookEventHandler;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.application.port.out.WebhookInbox.InboxEvent;
import io.accesshub.application.service.GrantRefresher.RefreshResult;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
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
 */
public final class WebhookProcessingService implements ProcessWebhooksUseCase {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int MAX_ATTEMPTS = 8;

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

    public WebhookProcessingService(WebhookInbox inbox, MarketplaceApps apps, InstallationRepository installations,
                                    GrantRepository grants, GrantRefresher refresher, LocationMinter minter,
                                    CompanyCascadeRunner cascade, InstallationEventPublisher events,
                                    TransactionRunner transactions, IdGenerator ids, Clock clock, String owner,
                                    List<WebhookEventHandler> handlers) {
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
    }

    @Override
    public boolean processNext() {
        Optional<InboxEvent> claimed = inbox.claimNext(owner, LEASE);
        if (claimed.isEmpty()) {
            return false;
        }
        InboxEvent event = claimed.get();
        try {
            apply(event);
            inbox.markDone(event);
        } catch (RuntimeException e) {
            boolean dead = event.attempts() >= MAX_ATTEMPTS;
            Duration backoff = Duration.ofSeconds(30).multipliedBy(1L << Math.min(event.attempts(), 10));
            inbox.markFailed(event, e.getClass().getSimpleName() + ": " + e.getMessage(),
                clock.instant().plus(backoff), dead);
        }
        return true;
    }

    private void apply(InboxEvent event) {
        Instant stamp = event.timestamp().orElse(event.receivedAt());
        switch (event.type()) {
            case "INSTALL" -> appFor(event).ifPresent(app -> install(app, event, stamp));
            case "UNINSTALL" -> appFor(event).ifPresent(app -> uninstall(app, event, stamp));
            case "LocationCreate" -> locationCreated(event);
            default -> {
                // no built-in rule: only extension handlers act on it
            }
        }
        List<WebhookEventHandler> interested = handlers.stream().filter(h -> h.handles(event.type())).toList();
        if (!interested.isEmpty()) {
            WebhookEventHandler.VerifiedWebhook verified = new WebhookEventHandler.VerifiedWebhook(event.webhookId(),
                event.type(), event.appId(), event.subject().locationId(), event.subject().companyId(), event.body());
            Optional<Installation> installation = installationOf(event);
            for (WebhookEventHandler handler : interested) {
                handler.handle(verified, installation);
            }
        }
    }

    /** The installation an event concerns: the app's location installation, else its agency installation. */
    private Optional<Installation> installationOf(InboxEvent event) {
        Optional<MarketplaceAppId> app = appFor(event);
        if (app.isEmpty()) {
            return Optional.empty();
        }
        Optional<Installation> location = event.subject().locationId()
            .flatMap(l -> installations.findLocation(app.get(), LocationId.of(l)));
        if (location.isPresent()) {
            return location;
        }
        return event.subject().companyId()
            .flatMap(c -> installations.findByKey(InstallationKey.forCompany(app.get(), CompanyId.of(c))));
    }

    private Optional<MarketplaceAppId> appFor(InboxEvent event) {
        return event.appId().flatMap(id -> {
            try {
                return apps.find(MarketplaceAppId.of(id)).map(MarketplaceApp::id);
            } catch (DomainException notAnAppId) {
                return Optional.empty();
            }
        });
    }

    private void install(MarketplaceAppId app, InboxEvent event, Instant stamp) {
        Optional<CompanyId> company = event.subject().companyId().map(CompanyId::of);
        Optional<LocationId> location = event.subject().locationId().map(LocationId::of);
        if (company.isEmpty()) {
            return;
        }
        boolean companyInstall = "Company".equalsIgnoreCase(event.subject().installType().orElse(""))
            || location.isEmpty();
        InstallationKey key = companyInstall ? InstallationKey.forCompany(app, company.get())
            : InstallationKey.forLocation(app, company.get(), location.get());
        Installation installation = recordSignal(key, stamp, true);
        if (!companyInstall && installation.status() == InstallationStatus.PENDING) {
            mintFromAgency(app, company.get(), location.get());
        }
    }

    private void uninstall(MarketplaceAppId app, InboxEvent event, Instant stamp) {
        Optional<LocationId> location = event.subject().locationId().map(LocationId::of);
        Optional<CompanyId> company = event.subject().companyId().map(CompanyId::of);
        Optional<InstallationKey> key;
        if (location.isPresent()) {
            key = company.map(c -> InstallationKey.forLocation(app, c, location.get()))
                .or(() -> installations.findLocation(app, location.get()).map(Installation::key));
        } else {
            key = company.map(c -> InstallationKey.forCompany(app, c));
        }
        if (key.isEmpty()) {
            return;
        }
        Installation installation = recordSignal(key.get(), stamp, false);
        if (installation.status() == InstallationStatus.UNINSTALLED && key.get().userType() == UserType.COMPANY) {
            cascade.cascade(installation);
        }
    }

    /**
     * Applies an install or uninstall signal stamped {@code stamp} to the installation with this key (creating it
     * when unknown, so that a later but older signal is recognised as stale), in one transaction.
     */
    private Installation recordSignal(InstallationKey key, Instant stamp, boolean install) {
        for (int attempt = 0; ; attempt++) {
            try {
                return transactions.inTransaction(() -> {
                    Instant now = clock.instant();
                    Optional<Installation> existing = installations.findByKey(key);
                    if (existing.isEmpty()) {
                        Installation created = Installation.create(ids.newInstallationId(), key,
                            CompanyInstallDetails.none(), stamp);
                        if (!install) {
                            created = created.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, stamp, now);
                        }
                        installations.add(created);
                        events.publish(created.recordedEvents());
                        return created;
                    }
                    Installation current = existing.get();
                    Installation changed = apply(current, install, stamp, now);
                    if (changed == current) {
                        return current;
                    }
                    if (!install && changed.status() == InstallationStatus.UNINSTALLED) {
                        grants.deleteByInstallationId(changed.id());
                    }
                    List<io.accesshub.domain.installation.InstallationEvent> recorded = changed.recordedEvents();
                    Installation stored = installations.update(changed);
                    events.publish(recorded);
                    return stored;
                });
            } catch (ConcurrentUpdateException | AlreadyExistsException raced) {
                if (attempt >= 3) {
                    throw raced;
                }
            }
        }
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

    private void locationCreated(InboxEvent event) {
        Optional<CompanyId> company = event.subject().companyId().map(CompanyId::of);
        Optional<LocationId> location = event.subject().locationId().map(LocationId::of);
        if (company.isEmpty() || location.isEmpty()) {
            return;
        }
        for (MarketplaceApp app : apps.all()) {
            installations.findByKey(InstallationKey.forCompany(app.id(), company.get()))
                .filter(c -> c.companyDetails().installToFutureLocations())
                .ifPresent(c -> mintFromAgency(app.id(), company.get(), location.get()));
        }
    }

    /** A location that is active with a grant needs no new mint (a retried or repeated event must not mint again). */
    private boolean alreadyMinted(MarketplaceAppId app, CompanyId company, LocationId location) {
        return installations.findByKey(InstallationKey.forLocation(app, company, location))
            .filter(i -> i.status() == InstallationStatus.ACTIVE)
            .flatMap(i -> grants.findByInstallationId(i.id()))
            .isPresent();
    }

    private void mintFromAgency(MarketplaceAppId app, CompanyId company, LocationId location) {
        Optional<Installation> agency = installations.findByKey(InstallationKey.forCompany(app, company))
            .filter(c -> c.status() == InstallationStatus.ACTIVE || c.status() == InstallationStatus.DEGRADED);
        if (agency.isEmpty() || alreadyMinted(app, company, location)) {
            return;
        }
        RefreshResult grant = refresher.refresh(agency.get().id(), false);
        if (grant instanceof RefreshResult.Usable usable
            && minter.mint(agency.get(), usable.grant(), location) == LocationMinter.Outcome.TRY_LATER) {
            throw new IllegalStateException("HighLevel unavailable while minting; the event is retried");
        }
    }
}
