package io.accesshub.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.fakes.FakeMarketplaceGateway;
import io.accesshub.application.fakes.FixedMarketplaceApps;
import io.accesshub.application.fakes.InMemoryGrantRepository;
import io.accesshub.application.fakes.InMemoryInstallStateStore;
import io.accesshub.application.fakes.InMemoryInstallationRepository;
import io.accesshub.application.fakes.InMemoryLocationProvisioningQueue;
import io.accesshub.application.fakes.InMemoryTransactionRunner;
import io.accesshub.application.fakes.RecordingInstallationEventPublisher;
import io.accesshub.application.fakes.SequentialIdGenerator;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.fakes.HmacSignedValues;
import io.accesshub.application.port.in.BeginInstallUseCase.BeginInstall;
import io.accesshub.application.port.in.BeginInstallUseCase.BeginInstallResult;
import io.accesshub.application.port.in.FindInstallByHandleUseCase.InstallByHandle;
import io.accesshub.application.port.in.CompleteInstallUseCase.CompleteInstall;
import io.accesshub.application.port.in.CompleteInstallUseCase.InstallOutcome;
import io.accesshub.application.port.in.CompleteInstallUseCase.InstallRefusal;
import io.accesshub.application.port.out.GrantedTo;
import io.accesshub.application.port.out.InstallationFilter;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InstallServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final MarketplaceAppId APP = MarketplaceAppId.of("65f0c0ffee0123456789abcd");
    private static final CompanyId COMPANY = CompanyId.of("company-1");
    private static final LocationId LOCATION = LocationId.of("location-1");

    private final MutableClock clock = new MutableClock(T0);
    private final FakeMarketplaceGateway gateway = new FakeMarketplaceGateway();
    private final InMemoryInstallStateStore states = new InMemoryInstallStateStore();
    private final InMemoryInstallationRepository installations = new InMemoryInstallationRepository();
    private final InMemoryGrantRepository grants = new InMemoryGrantRepository();
    private final RecordingInstallationEventPublisher events = new RecordingInstallationEventPublisher();
    private final AtomicInteger stateCounter = new AtomicInteger();
    private final InMemoryLocationProvisioningQueue provisioning = new InMemoryLocationProvisioningQueue();
    private final io.accesshub.application.fakes.InMemoryLocationOwners owners =
        new io.accesshub.application.fakes.InMemoryLocationOwners();
    private final HmacSignedValues signer = new HmacSignedValues();

    private final java.util.Deque<Runnable> keptWrites = new java.util.ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger failingTransactions = new AtomicInteger();

    private InstallService service(boolean acceptMarketplaceInitiated) {
        InMemoryTransactionRunner inMemory = new InMemoryTransactionRunner(installations, grants, events, provisioning);
        io.accesshub.application.port.out.TransactionRunner transactions =
            new io.accesshub.application.port.out.TransactionRunner() {
                @Override
                public <T> T inTransaction(java.util.function.Supplier<T> work) {
                    if (failingTransactions.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new IllegalStateException("simulated database outage");
                    }
                    return inMemory.inTransaction(work);
                }
            };
        OutcomeKeeper keeper = new OutcomeKeeper(keptWrites::add, d -> { }, Duration.ofMillis(200),
            Duration.ofSeconds(5), new io.accesshub.application.fakes.RecordingOperatorAlerts());
        return new InstallService(new FixedMarketplaceApps(new MarketplaceApp(APP, "main", Scopes.parse("oauth.write"))),
            gateway, states, () -> "state-" + stateCounter.incrementAndGet(), signer, installations, grants, events,
            transactions, new SequentialIdGenerator(), clock, acceptMarketplaceInitiated, provisioning, keeper, owners);
    }

    @Test
    void twoInstallsOfOneLocationDuringAnOutageAreBothKeptAndTheLaterPairWins() {
        gateway.onExchange(locationPair("first")).onExchange(locationPair("second"));
        InstallService service = service(true);
        failingTransactions.set(2);

        assertThat(service.complete(marketplace("code-1")))
            .isInstanceOf(InstallOutcome.Received.class);
        assertThat(service.complete(marketplace("code-2")))
            .isInstanceOf(InstallOutcome.Received.class);
        assertThat(keptWrites).as("neither answer is dropped").hasSize(2);
        while (!keptWrites.isEmpty()) {
            keptWrites.poll().run();
        }

        assertThat(grants.all()).singleElement()
            .satisfies(g -> assertThat(g.accessToken()).isEqualTo(AccessToken.of("at-second")));
    }

    @Test
    void tokensIssuedWhileOurDatabaseIsDownAreReceivedKeptAndStoredWhenItAnswers() {
        gateway.onExchange(locationPair("kept"));
        InstallService service = service(true);
        failingTransactions.set(3);

        InstallOutcome outcome = service.complete(marketplace("code-1"));

        assertThat(outcome).isInstanceOf(InstallOutcome.Received.class);
        assertThat(grants.all()).as("nothing stored yet").isEmpty();
        while (!keptWrites.isEmpty()) {
            keptWrites.poll().run();
        }
        assertThat(grants.all()).hasSize(1);
        assertThat(grants.all().get(0).accessToken()).isEqualTo(AccessToken.of("at-kept"));
        assertThat(installations.all()).singleElement()
            .satisfies(i -> assertThat(i.status()).isEqualTo(InstallationStatus.ACTIVE));
        assertThat(gateway.presentedCodes()).as("the code was exchanged once").containsExactly("code-1");
    }

    private static TokenExchangeOutcome.Issued locationPair(String suffix) {
        return new TokenExchangeOutcome.Issued(new IssuedTokens(AccessToken.of("at-" + suffix), T0.plusSeconds(86_399),
            Optional.of(RefreshToken.of("rt-" + suffix)), Scopes.parse("oauth.write contacts.readonly"), T0),
            new GrantedTo(UserType.LOCATION, COMPANY, Optional.of(LOCATION), CompanyInstallDetails.none(),
                Optional.of("user-1")));
    }

    private static TokenExchangeOutcome.Issued companyPair() {
        return new TokenExchangeOutcome.Issued(new IssuedTokens(AccessToken.of("at-company"), T0.plusSeconds(86_399),
            Optional.of(RefreshToken.of("rt-company")), Scopes.parse("oauth.write oauth.readonly"), T0),
            new GrantedTo(UserType.COMPANY, COMPANY, Optional.empty(),
                CompanyInstallDetails.of(Set.of(LOCATION), true, false, true), Optional.empty()));
    }

    private int storedInstallations() {
        return (int) installations.list(InstallationFilter.all(), new PageRequest(0, 100)).totalCount();
    }

    /** An install link followed in a browser: the state sent to HighLevel and the binding kept in the cookie. */
    private record Begun(String state, String binding) {
        CompleteInstall callback(String code) {
            return new CompleteInstall(code, Optional.of(state), Optional.empty(), Optional.of(binding));
        }
    }

    private Begun begin(InstallService service, Optional<InstallReference> ref, Optional<String> binding) {
        BeginInstallResult result = service.begin(new BeginInstall(Optional.empty(), ref, binding));
        assertThat(result).isInstanceOf(BeginInstallResult.Redirect.class);
        BeginInstallResult.Redirect redirect = (BeginInstallResult.Redirect) result;
        String url = redirect.authorizationPage().toString();
        return new Begun(url.substring(url.indexOf("state=") + "state=".length()), redirect.browserBinding());
    }

    private Begun begin(InstallService service) {
        return begin(service, Optional.empty(), Optional.empty());
    }

    /** A callback without state: an install started in the marketplace. */
    private static CompleteInstall marketplace(String code) {
        return new CompleteInstall(code, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aCallbackFromAnotherBrowserIsRefusedWithoutConsumingTheStateOrPresentingTheCode() {
        InstallService service = service(true);
        Begun attacker = begin(service);
        Begun victim = begin(service);
        String foreignKeyset = new HmacSignedValues().sign(InstallService.BINDING_PURPOSE, "state-1",
            T0.plus(Duration.ofMinutes(5)));

        for (Optional<String> binding : java.util.List.of(Optional.<String>empty(), Optional.of(victim.binding()),
                Optional.of("forged"), Optional.of(foreignKeyset), Optional.of(attacker.binding() + "x"))) {
            assertThat(service.complete(new CompleteInstall("code-1", Optional.of(attacker.state()),
                Optional.empty(), binding))).as("binding %s", binding)
                .isEqualTo(new InstallOutcome.Refused(InstallRefusal.STATE_OTHER_BROWSER));
        }

        assertThat(gateway.presentedCodes()).as("HighLevel never saw the code").isEmpty();
        assertThat(states.used()).as("no state consumed").isZero();
        assertThat(storedInstallations()).isZero();
        gateway.onExchange(locationPair("1"));
        assertThat(service.complete(attacker.callback("code-1"))).as("the browser that started it still completes")
            .isInstanceOf(InstallOutcome.Installed.class);
    }

    @Test
    void aBrowserKeepsItsBindingSoInstallsStartedInSeveralTabsAllComplete() {
        InstallService service = service(true);
        Begun firstTab = begin(service);
        Begun secondTab = begin(service, Optional.empty(), Optional.of(firstTab.binding()));
        gateway.onExchange(locationPair("1")).onExchange(locationPair("2"));

        // The cookie now holds the second tab's binding, which carries the same browser value.
        assertThat(service.complete(new CompleteInstall("code-1", Optional.of(firstTab.state()), Optional.empty(),
            Optional.of(secondTab.binding())))).isInstanceOf(InstallOutcome.Installed.class);
        assertThat(service.complete(secondTab.callback("code-2"))).isInstanceOf(InstallOutcome.Installed.class);
    }

    @Test
    void anExpiredBindingStartsANewBrowserValue() {
        InstallService service = service(true);
        Begun old = begin(service);
        clock.advance(InstallService.BINDING_LIFETIME);
        Begun fresh = begin(service, Optional.empty(), Optional.of(old.binding()));

        assertThat(service.complete(new CompleteInstall("c", Optional.of(old.state()), Optional.empty(),
            Optional.of(fresh.binding())))).isEqualTo(new InstallOutcome.Refused(InstallRefusal.STATE_OTHER_BROWSER));
    }

    @Test
    void theReferenceComesBackWithAHandleThatResolvesToTheInstallFor24Hours() {
        InstallService service = service(true);
        InstallReference ref = InstallReference.of("saas-user-42");
        Begun begun = begin(service, Optional.of(ref), Optional.empty());
        gateway.onExchange(locationPair("1"));

        InstallOutcome.Installed installed = (InstallOutcome.Installed) service.complete(begun.callback("code-1"));

        assertThat(installed.ref()).contains(ref);
        InstallHandleService handles = new InstallHandleService(signer, installations, clock);
        assertThat(handles.find(installed.handle())).contains(new InstallByHandle(Optional.of(ref),
            installed.installationId(), InstallationStatus.ACTIVE, COMPANY, Optional.of(LOCATION)));
        assertThat(handles.find(installed.handle() + "A")).as("tampered").isEmpty();
        assertThat(handles.find(begun.binding())).as("a cookie is not a handle").isEmpty();
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(handles.find(installed.handle())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(handles.find(installed.handle())).as("24 hours later").isEmpty();
    }

    @Test
    void aMarketplaceInstallGetsAHandleWithoutReferenceThatShowsTheCurrentStatus() {
        InstallService service = service(true);
        gateway.onExchange(companyPair());

        InstallOutcome.Installed installed = (InstallOutcome.Installed) service.complete(marketplace("c"));
        Installation company = installations.findById(installed.installationId()).orElseThrow();
        installations.update(company.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, clock.instant(),
            clock.instant()));

        assertThat(installed.ref()).isEmpty();
        assertThat(new InstallHandleService(signer, installations, clock).find(installed.handle()))
            .contains(new InstallByHandle(Optional.empty(), installed.installationId(), InstallationStatus.UNINSTALLED,
                COMPANY, Optional.empty()));
    }

    @Test
    void expiredStatesArePurgedInBatchesAnHourAfterTheyExpire() {
        InstallService service = service(true);
        for (int i = 0; i < 2_500; i++) {
            states.save(new io.accesshub.application.port.out.InstallStateStore.PendingInstall("old-" + i, APP,
                "browser", Optional.empty(), T0.minus(Duration.ofHours(1)).minusSeconds(i + 1)));
        }
        states.save(new io.accesshub.application.port.out.InstallStateStore.PendingInstall("recently-expired", APP,
            "browser", Optional.empty(), T0.minus(Duration.ofMinutes(59))));
        Begun pending = begin(service);

        assertThat(service.purgeExpiredStates()).isEqualTo(2_500);
        assertThat(states.size()).isEqualTo(2);
        gateway.onExchange(locationPair("1"));
        assertThat(service.complete(pending.callback("code-1"))).isInstanceOf(InstallOutcome.Installed.class);
    }


    @Test
    void aLocationInstallStoresAnActiveInstallationAndItsGrantInOneGo() {
        InstallService service = service(true);
        Begun begun = begin(service);
        gateway.onExchange(locationPair("1"));

        InstallOutcome outcome = service.complete(begun.callback("code-1"));

        assertThat(outcome).isInstanceOf(InstallOutcome.Installed.class);
        Installation stored = installations.findById(((InstallOutcome.Installed) outcome).installationId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(InstallationStatus.ACTIVE);
        assertThat(stored.key().locationId()).contains(LOCATION);
        assertThat(grants.findByInstallationId(stored.id()).orElseThrow().source()).isEqualTo(GrantSource.DIRECT_INSTALL);
        assertThat(events.published()).extracting(e -> e.type())
            .containsExactly(InstallationEventType.INSTALLED, InstallationEventType.ACTIVATED);
        assertThat(gateway.presentedCodes()).containsExactly("code-1");
    }

    @Test
    void onlyTheHashOfTheStateIsStored() {
        InstallService service = service(true);
        Begun begun = begin(service);

        assertThat(states.size()).isEqualTo(1);
        assertThat(states.storesRawValue(begun.state())).isFalse();
        assertThat(stateCounter.get()).as("a browser value and a state were drawn").isEqualTo(2);
        assertThat(states.storesRawValue("state-1")).as("the browser value is stored hashed too").isFalse();
        assertThat(states.storesRawValue("state-2")).isFalse();
    }

    @Test
    void aReplayedStateIsRefusedWithoutPresentingTheCodeAgain() {
        InstallService service = service(true);
        Begun begun = begin(service);
        gateway.onExchange(locationPair("1"));
        service.complete(begun.callback("code-1"));

        InstallOutcome replay = service.complete(begun.callback("code-1"));

        assertThat(replay).isEqualTo(new InstallOutcome.Refused(InstallRefusal.STATE_REUSED));
        assertThat(gateway.presentedCodes()).hasSize(1);
    }

    @Test
    void unknownAndExpiredStatesAreRefusedAndNothingIsStored() {
        InstallService service = service(true);
        Begun begun = begin(service);
        clock.advance(Duration.ofMinutes(10));

        assertThat(service.complete(begun.callback("c")))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.STATE_EXPIRED));
        assertThat(service.complete(new CompleteInstall("c", Optional.of("forged"), Optional.empty(),
            Optional.of(begun.binding()))))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.STATE_UNKNOWN));
        assertThat(storedInstallations()).isZero();
        assertThat(gateway.presentedCodes()).isEmpty();
    }

    @Test
    void aMarketplaceInitiatedInstallWithoutStateIsAcceptedOnlyWhenSwitchedOn() {
        gateway.onExchange(locationPair("1"));
        assertThat(service(true).complete(marketplace("code-1")))
            .isInstanceOf(InstallOutcome.Installed.class);

        assertThat(service(false).complete(marketplace("code-2")))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.STATE_REQUIRED));
    }

    @Test
    void aRejectedCodeOrAnUnreachableMarketplaceStoresNothing() {
        InstallService service = service(true);
        gateway.onExchange(new TokenExchangeOutcome.InvalidGrant("Invalid grant: authorization code is invalid"));
        gateway.onExchange(new TokenExchangeOutcome.Transient(Optional.empty(), "503"));
        gateway.onExchange(new TokenExchangeOutcome.Uncertain("read timeout"));

        assertThat(service.complete(marketplace("a")))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.CODE_REJECTED));
        assertThat(service.complete(marketplace("b")))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.MARKETPLACE_UNAVAILABLE));
        assertThat(service.complete(marketplace("c")))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.MARKETPLACE_UNAVAILABLE));
        assertThat(storedInstallations()).isZero();
        assertThat(events.published()).isEmpty();
    }

    @Test
    void aCompanyInstallStoresTheCompanyGrantAndWhatTheInstallSaid() {
        gateway.onExchange(companyPair());

        InstallOutcome outcome = service(true).complete(marketplace("c"));

        InstallOutcome.Installed installed = (InstallOutcome.Installed) outcome;
        assertThat(installed.userType()).isEqualTo(UserType.COMPANY);
        Installation company = installations.findById(installed.installationId()).orElseThrow();
        assertThat(company.companyDetails().installToFutureLocations()).isTrue();
        assertThat(company.companyDetails().approvedLocations()).containsExactly(LOCATION);
        assertThat(provisioning.pending()).as("location tokens are minted in the background").containsExactly(company.id());
    }

    @Test
    void theCallbackTeachesWhoOwnsTheLocationsAndTheAgencyPlan() {
        TokenExchangeOutcome.Issued pair = companyPair();
        gateway.onExchange(new TokenExchangeOutcome.Issued(pair.tokens(), new GrantedTo(UserType.COMPANY, COMPANY,
            Optional.empty(), pair.grantedTo().companyDetails(), Optional.empty(),
            Optional.of(io.accesshub.domain.marketplace.PlanId.of("plan-pro")))));

        InstallOutcome.Installed installed = (InstallOutcome.Installed) service(true).complete(marketplace("c"));

        assertThat(owners.ownerOf(APP, LOCATION)).contains(COMPANY);
        Installation company = installations.findById(installed.installationId()).orElseThrow();
        assertThat(company.plan()).contains(io.accesshub.domain.marketplace.PlanId.of("plan-pro"));
        assertThat(events.published()).extracting(e -> e.type())
            .containsExactly(InstallationEventType.INSTALLED, InstallationEventType.ACTIVATED);
    }

    @Test
    void aGrantWithoutAConfiguredScopeIsStoredAndRecordedAsMissingScopes() {
        TokenExchangeOutcome.Issued pair = companyPair();
        gateway.onExchange(new TokenExchangeOutcome.Issued(new IssuedTokens(pair.tokens().accessToken(),
            pair.tokens().accessTokenExpiresAt(), pair.tokens().refreshToken(), Scopes.parse("oauth.readonly"), T0),
            pair.grantedTo()));

        InstallOutcome.Installed installed = (InstallOutcome.Installed) service(true).complete(marketplace("c"));

        assertThat(installations.findById(installed.installationId()).orElseThrow().status())
            .isEqualTo(InstallationStatus.ACTIVE);
        assertThat(events.published()).extracting(e -> e.type()).containsExactly(InstallationEventType.INSTALLED,
            InstallationEventType.ACTIVATED, InstallationEventType.SCOPES_MISSING);
    }

    @Test
    void aSecondInstallOfTheSameLocationReplacesThePairAndAnUninstalledOneIsReinstalled() {
        InstallService service = service(true);
        gateway.onExchange(locationPair("1")).onExchange(locationPair("2")).onExchange(locationPair("3"));
        InstallOutcome.Installed first = (InstallOutcome.Installed) service.complete(
            marketplace("c1"));
        clock.advance(Duration.ofMinutes(1));
        service.complete(marketplace("c2"));
        assertThat(grants.findByInstallationId(first.installationId()).orElseThrow().accessToken().value())
            .isEqualTo("at-2");

        Installation current = installations.findById(first.installationId()).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        installations.update(current.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, clock.instant(), clock.instant()));
        clock.advance(Duration.ofMinutes(1));
        InstallOutcome again = service.complete(marketplace("c3"));

        assertThat(again).isInstanceOf(InstallOutcome.Installed.class)
            .extracting(o -> ((InstallOutcome.Installed) o).installationId()).isEqualTo(first.installationId());
        assertThat(installations.findById(first.installationId()).orElseThrow().status())
            .isEqualTo(InstallationStatus.ACTIVE);
        assertThat(storedInstallations()).isEqualTo(1);
    }

    /** A clock tests move forward by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
