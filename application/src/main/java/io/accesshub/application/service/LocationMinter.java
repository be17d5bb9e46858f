package io.accesshub.application.service;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.IdGenerator;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.domain.exchange.LocationTokenDecision;
import io.accesshub.domain.exchange.LocationTokenPolicy;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Mints a location token from an agency grant (when {@link LocationTokenPolicy} allows it) and stores it as a
 * {@link GrantSource#MINTED_FROM_COMPANY} location installation in one transaction. Shared by background
 * provisioning, webhook handling and on-demand token reads; built once in {@code bootstrap} and injected into them.
 */
public final class LocationMinter {

    /** How a mint ended. */
    enum Outcome { MINTED, NOT_ALLOWED, REFUSED, TRY_LATER }

    private final InstallationRepository installations;
    private final GrantRepository grants;
    private final MarketplaceGateway gateway;
    private final InstallationEventPublisher events;
    private final TransactionRunner transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final OutcomeKeeper keeper;
    private final MarketplaceApps apps;

    public LocationMinter(InstallationRepository installations, GrantRepository grants, MarketplaceGateway gateway,
                          InstallationEventPublisher events, TransactionRunner transactions, IdGenerator ids, Clock clock,
                          OutcomeKeeper keeper, MarketplaceApps apps) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
        this.installations = Objects.requireNonNull(installations, "installations");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Mints for {@code locationId} from this agency installation and its usable grant. */
    Outcome mint(Installation company, Grant companyGrant, LocationId locationId) {
        InstallationKey key = InstallationKey.forLocation(company.key().appId(), company.key().companyId(), locationId);
        if (!(LocationTokenPolicy.decide(company, companyGrant, key) instanceof LocationTokenDecision.Allowed)) {
            return Outcome.NOT_ALLOWED;
        }
        if (keeper.isKeeping(key)) {
            return Outcome.TRY_LATER;
        }
        TokenExchangeOutcome outcome = gateway.mintLocationToken(key.appId(), companyGrant.accessToken(),
            key.companyId(), locationId);
        if (outcome instanceof TokenExchangeOutcome.Issued issued) {
            store(key, issued.tokens());
            return Outcome.MINTED;
        }
        if (outcome instanceof TokenExchangeOutcome.Transient || outcome instanceof TokenExchangeOutcome.Uncertain) {
            return Outcome.TRY_LATER;
        }
        return Outcome.REFUSED;
    }

    /**
     * Stores the minted grant; when another worker (provisioning, an INSTALL webhook, a token read) stored or changed
     * the same location meanwhile, reads it again and applies the mint to what is there now.
     */
    private void store(InstallationKey key, IssuedTokens tokens) {
        // The mint is done at HighLevel: what it issued is kept and retried until our database takes it.
        keeper.writeOrKeep(key, "a minted location pair", () -> RetryOnConflict.runStep(
            () -> transactions.runInTransaction(() -> storeOnce(key, tokens))));
    }

    /**
     * Records that a location minted into service lacks some of the app's configured scopes, when it does (re-mints
     * of a working location are not announced again).
     */
    private Installation checked(Installation installation, IssuedTokens tokens, Instant now) {
        return apps.missingScopes(installation.key(), tokens.scopes()).isEmpty() ? installation
            : installation.recordScopesMissing(now);
    }

    private void storeOnce(InstallationKey key, IssuedTokens tokens) {
        Instant now = clock.instant();
        Optional<Installation> existing = installations.findByKey(key);
        Installation installation;
        List<InstallationEvent> recorded;
        if (existing.isEmpty()) {
            installation = checked(Installation.create(ids.newInstallationId(), key, CompanyInstallDetails.none(), now)
                .activate(StateReason.GRANT_MINTED, now), tokens, now);
            recorded = installation.recordedEvents();
            installations.add(installation);
        } else {
            installation = existing.get();
            try {
                if (installation.status() == InstallationStatus.UNINSTALLED) {
                    installation = installation.reinstall(CompanyInstallDetails.none(), now, now);
                }
                boolean wasActive = installation.status() == InstallationStatus.ACTIVE;
                installation = installation.activate(StateReason.GRANT_MINTED, now);
                if (!wasActive) {
                    installation = checked(installation, tokens, now);
                }
            } catch (DomainException notApplicable) {
                return;
            }
            recorded = installation.recordedEvents();
            if (installation != existing.get()) {
                installations.update(installation);
            }
        }
        Optional<Grant> grant = grants.findByInstallationId(installation.id());
        if (grant.isPresent()) {
            grants.update(grant.get().remint(tokens));
        } else {
            grants.add(Grant.create(installation.id(), GrantSource.MINTED_FROM_COMPANY, tokens));
        }
        events.publish(recorded);
    }
}
