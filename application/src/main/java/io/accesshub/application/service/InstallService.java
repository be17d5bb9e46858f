package io.accesshub.application.service;

import io.accesshub.application.port.in.BeginInstallUseCase;
import io.accesshub.application.port.in.CompleteInstallUseCase;
import io.accesshub.application.port.in.PurgeInstallStatesUseCase;
import io.accesshub.application.port.out.AuthorizationCode;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.GrantedTo;
import io.accesshub.application.port.out.IdGenerator;
import io.accesshub.application.port.out.InstallStateStore;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.LocationOwners;
import io.accesshub.application.port.out.LocationProvisioningQueue;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.SecretGenerator;
import io.accesshub.application.port.out.SignedValues;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the browser install: a hashed single-use state bound to the browser (a signed random value the browser keeps
 * in a cookie) on the way out, and on the way back, only from that browser, exactly one code exchange followed by one
 * transaction that stores the installation and its grant (nothing is stored when anything fails).
 */
public final class InstallService implements BeginInstallUseCase, CompleteInstallUseCase, PurgeInstallStatesUseCase {

    /** How long an install link stays valid. */
    public static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    /**
     * How long the browser binding stays valid: renewed by every install link, and a little longer than the state,
     * so a late callback from the right browser is told its link expired rather than that it is another browser.
     */
    public static final Duration BINDING_LIFETIME = STATE_LIFETIME.plusMinutes(5);
    /** What the browser binding is signed for. */
    static final String BINDING_PURPOSE = "install-browser";
    /** Expired states are kept this long (a late callback is told "expired", not "unknown"), then purged. */
    static final Duration KEEP_EXPIRED = Duration.ofHours(1);
    /** States deleted per purge statement. */
    static final int PURGE_BATCH = 1_000;

    private final MarketplaceApps apps;
    private final MarketplaceGateway gateway;
    private final InstallStateStore states;
    private final SecretGenerator secrets;
    private final SignedValues signer;
    private final InstallationRepository installations;
    private final GrantRepository grants;
    private final InstallationEventPublisher events;
    private final TransactionRunner transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final boolean acceptMarketplaceInitiated;
    private final LocationProvisioningQueue provisioning;

    private final OutcomeKeeper keeper;
    private final LocationOwners owners;

    public InstallService(MarketplaceApps apps, MarketplaceGateway gateway, InstallStateStore states,
                          SecretGenerator secrets, SignedValues signer, InstallationRepository installations,
                          GrantRepository grants,
                          InstallationEventPublisher events, TransactionRunner transactions, IdGenerator ids,
                          Clock clock, boolean acceptMarketplaceInitiated, LocationProvisioningQueue provisioning,
                          OutcomeKeeper keeper, LocationOwners owners) {
        this.keeper = Objects.requireNonNull(keeper, "keeper");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.states = Objects.requireNonNull(states, "states");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.installations = Objects.requireNonNull(installations, "installations");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.acceptMarketplaceInitiated = acceptMarketplaceInitiated;
        this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    @Override
    public BeginInstallResult begin(BeginInstall command) {
        Optional<MarketplaceApp> resolved = apps.resolve(command.app());
        if (resolved.isEmpty()) {
            return new BeginInstallResult.UnknownApp();
        }
        Instant now = clock.instant();
        // A browser that already holds a valid binding keeps it, so installs started in several tabs all complete.
        String browser = command.browserBinding().flatMap(b -> signer.verify(BINDING_PURPOSE, b, now))
            .orElseGet(secrets::newState);
        String state = secrets.newState();
        states.save(new InstallStateStore.PendingInstall(hash(state), resolved.get().id(), hash(browser),
            command.ref(), now.plus(STATE_LIFETIME)));
        return new BeginInstallResult.Redirect(gateway.authorizationPage(resolved.get().id(), Optional.of(state)),
            signer.sign(BINDING_PURPOSE, browser, now.plus(BINDING_LIFETIME)), BINDING_LIFETIME);
    }

    @Override
    public InstallOutcome complete(CompleteInstall command) {
        if (command.code().isBlank()) {
            return refused(InstallRefusal.MISSING_CODE);
        }
        Optional<MarketplaceAppId> app;
        Optional<InstallReference> ref = Optional.empty();
        if (command.state().isPresent()) {
            Instant now = clock.instant();
            // Checked before anything is read or written: a state issued to another browser (login CSRF) is
            // refused without consuming it and without presenting the code to HighLevel.
            Optional<String> browser = command.browserBinding().flatMap(b -> signer.verify(BINDING_PURPOSE, b, now));
            if (browser.isEmpty()) {
                return refused(InstallRefusal.STATE_OTHER_BROWSER);
            }
            InstallStateStore.StateConsumption consumed = states.consume(hash(command.state().get()),
                hash(browser.get()), now);
            if (consumed instanceof InstallStateStore.StateConsumption.Consumed c) {
                app = Optional.of(c.app());
                ref = c.ref();
            } else if (consumed instanceof InstallStateStore.StateConsumption.OtherBrowser) {
                return refused(InstallRefusal.STATE_OTHER_BROWSER);
            } else if (consumed instanceof InstallStateStore.StateConsumption.Expired) {
                return refused(InstallRefusal.STATE_EXPIRED);
            } else if (consumed instanceof InstallStateStore.StateConsumption.AlreadyUsed) {
                return refused(InstallRefusal.STATE_REUSED);
            } else {
                return refused(InstallRefusal.STATE_UNKNOWN);
            }
        } else if (acceptMarketplaceInitiated) {
            app = apps.resolve(command.app()).map(MarketplaceApp::id);
        } else {
            return refused(InstallRefusal.STATE_REQUIRED);
        }
        if (app.isEmpty()) {
            return refused(InstallRefusal.UNKNOWN_APP);
        }
        TokenExchangeOutcome outcome = gateway.exchangeAuthorizationCode(app.get(),
            new AuthorizationCode(command.code()));
        if (outcome instanceof TokenExchangeOutcome.Issued issued) {
            return store(app.get(), issued.tokens(), issued.grantedTo(), ref);
        }
        if (outcome instanceof TokenExchangeOutcome.InvalidGrant || outcome instanceof TokenExchangeOutcome.Rejected) {
            return refused(InstallRefusal.CODE_REJECTED);
        }
        return refused(InstallRefusal.MARKETPLACE_UNAVAILABLE);
    }

    private InstallOutcome store(MarketplaceAppId app, IssuedTokens tokens, GrantedTo grantedTo,
                                 Optional<InstallReference> ref) {
        InstallationKey key = grantedTo.userType() == UserType.COMPANY
            ? InstallationKey.forCompany(app, grantedTo.companyId())
            : InstallationKey.forLocation(app, grantedTo.companyId(), grantedTo.locationId().orElseThrow());
        InstallationId[] stored = new InstallationId[1];
        try {
            // The code is spent: what HighLevel issued is kept and retried until our database takes it.
            keeper.writeOrKeep(key, "an installed pair", () -> {
                stored[0] = RetryOnConflict.run(() -> transactions.inTransaction(() -> storeOnce(key, tokens,
                    grantedTo))).orElseThrow(() -> new IllegalStateException("the installation kept changing"));
                learnOwners(key, grantedTo);
                return true;
            });
        } catch (io.accesshub.domain.shared.DomainException bug) {
            throw bug;
        } catch (RuntimeException keptForLater) {
            return new InstallOutcome.Received(key.userType(), key.companyId(), key.locationId());
        }
        return new InstallOutcome.Installed(stored[0], key.userType(), key.companyId(), key.locationId(), ref,
            InstallHandles.issue(signer, stored[0], ref, clock.instant()));
    }

    /**
     * Records which agency owns the location, or the locations an agency approved: after the pair is committed and
     * outside its transaction, so that it can never hold up or undo storing what HighLevel issued. Best effort: the
     * INSTALL webhooks and the agency's next listing teach the same.
     */
    private void learnOwners(InstallationKey key, GrantedTo grantedTo) {
        try {
            owners.learn(key.appId(), key.companyId(), key.locationId().map(java.util.Set::of)
                .orElseGet(() -> grantedTo.companyDetails().approvedLocations()));
        } catch (RuntimeException notLearnedNow) {
            // the pair is stored; ownership is learned again from the webhooks and listings that follow
        }
    }

    private InstallationId storeOnce(InstallationKey key, IssuedTokens tokens, GrantedTo grantedTo) {
        Instant now = clock.instant();
        Optional<Installation> existing = installations.findByKey(key);
        Installation installation;
        List<InstallationEvent> recorded;
        if (existing.isEmpty()) {
            installation = checked(Installation.create(ids.newInstallationId(), key, grantedTo.companyDetails(), now,
                grantedTo.plan()).activate(StateReason.GRANT_ISSUED, now), tokens, now);
            recorded = installation.recordedEvents();
            installations.add(installation);
        } else {
            installation = withPlan(existing.get(), grantedTo, now);
            if (installation.status() == InstallationStatus.UNINSTALLED) {
                installation = installation.reinstall(grantedTo.companyDetails(), now, now);
            } else {
                installation = confirm(installation, now);
                if (key.userType() == UserType.COMPANY) {
                    installation = installation.recordCompanyDetails(grantedTo.companyDetails());
                }
            }
            installation = checked(installation.activate(StateReason.GRANT_ISSUED, now), tokens, now);
            recorded = installation.recordedEvents();
            installation = installations.update(installation);
        }
        Optional<Grant> grant = grants.findByInstallationId(installation.id());
        if (grant.isPresent()) {
            grants.update(grant.get().reissue(tokens));
        } else {
            grants.add(Grant.create(installation.id(), GrantSource.DIRECT_INSTALL, tokens));
        }
        events.publish(recorded);
        if (key.userType() == UserType.COMPANY) {
            // Location tokens are minted in the background (paced), never inside the browser's callback.
            provisioning.enqueue(installation.id(), now);
        }
        return installation.id();
    }

    /** Records that the grant just issued lacks some of the app's configured scopes, when it does. */
    private Installation checked(Installation installation, IssuedTokens tokens, Instant now) {
        return apps.missingScopes(installation.key(), tokens.scopes()).isEmpty() ? installation
            : installation.recordScopesMissing(now);
    }

    /** The plan the callback names, reported now. */
    private static Installation withPlan(Installation installation, GrantedTo grantedTo, Instant now) {
        return grantedTo.plan().map(plan -> installation.recordPlan(plan, now, now)).orElse(installation);
    }

    private static Installation confirm(Installation installation, Instant now) {
        try {
            return installation.confirmInstalled(now);
        } catch (DomainException olderThanTheLastChange) {
            return installation;
        }
    }

    @Override
    public long purgeExpiredStates() {
        Instant expiredBefore = clock.instant().minus(KEEP_EXPIRED);
        long total = 0;
        int deleted;
        do {
            deleted = states.purgeExpired(expiredBefore, PURGE_BATCH);
            total += deleted;
        } while (deleted == PURGE_BATCH);
        return total;
    }

    private static InstallOutcome refused(InstallRefusal reason) {
        return new InstallOutcome.Refused(reason);
    }

    /** SHA-256 (hex) of a state: only hashes are stored. */
    public static String hash(String state) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
