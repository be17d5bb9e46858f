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
import io.accesshub.application.port.in.BeginInstallUseCase.BeginInstallResult;
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
            gateway, states, () -> "state-" + stateCounter.incrementAndGet(), installations, grants, events,
            transactions, new SequentialIdGenerator(), clock, acceptMarketplaceInitiated, provisioning, keeper);
    }

    @Test
    void twoInstallsOfOneLocationDuringAnOutageAreBothKeptAndTheLaterPairWins() {
        gateway.onExchange(locationPair("first")).onExchange(locationPair("second"));
        InstallService service = service(true);
        failingTransactions.set(2);

        assertThat(service.complete(new CompleteInstall("code-1", Optional.empty(), Optional.empty())))
            .isInstanceOf(InstallOutcome.Received.class);
        assertThat(service.complete(new CompleteInstall("code-2", Optional.empty(), Optional.empty())))
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

        InstallOutcome outcome = service.complete(new CompleteInstall("code-1", Optional.empty(), Optional.empty()));

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

    private String beginAndGetState(InstallService service) {
        BeginInstallResult result = service.begin(Optional.empty());
        assertThat(result).isInstanceOf(BeginInstallResult.Redirect.class);
        String url = ((BeginInstallResult.Redirect) result).authorizationPage().toString();
        return url.substring(url.indexOf("state=") + "state=".length());
    }

    @Test
    void aLocationInstallStoresAnActiveInstallationAndItsGrantInOneGo() {
        InstallService service = service(true);
        String state = beginAndGetState(service);
        gateway.onExchange(locationPair("1"));

        InstallOutcome outcome = service.complete(new CompleteInstall("code-1", Optional.of(state), Optional.empty()));

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
        String state = beginAndGetState(service);

        assertThat(states.size()).isEqualTo(1);
        assertThat(states.storesRawValue(state)).isFalse();
    }

    @Test
    void aReplayedStateIsRefusedWithoutPresentingTheCodeAgain() {
        InstallService service = service(true);
        String state = beginAndGetState(service);
        gateway.onExchange(locationPair("1"));
        service.complete(new CompleteInstall("code-1", Optional.of(state), Optional.empty()));

        InstallOutcome replay = service.complete(new CompleteInstall("code-1", Optional.of(state), Optional.empty()));

        assertThat(replay).isEqualTo(new InstallOutcome.Refused(InstallRefusal.STATE_REUSED));
        assertThat(gateway.presentedCodes()).hasSize(1);
    }

    @Test
    void unknownAndExpiredStatesAreRefusedAndNothingIsStored() {
        InstallService service = service(true);
        String state = beginAndGetState(service);
        clock.advance(Duration.ofMinutes(10));

        assertThat(service.complete(new CompleteInstall("c", Optional.of(state), Optional.empty())))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.STATE_EXPIRED));
        assertThat(service.complete(new CompleteInstall("c", Optional.of("forged"), Optional.empty())))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.STATE_UNKNOWN));
        assertThat(storedInstallations()).isZero();
        assertThat(gateway.presentedCodes()).isEmpty();
    }

    @Test
    void aMarketplaceInitiatedInstallWithoutStateIsAcceptedOnlyWhenSwitchedOn() {
        gateway.onExchange(locationPair("1"));
        assertThat(service(true).complete(new CompleteInstall("code-1", Optional.empty(), Optional.empty())))
            .isInstanceOf(InstallOutcome.Installed.class);

        assertThat(service(false).complete(new CompleteInstall("code-2", Optional.empty(), Optional.empty())))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.STATE_REQUIRED));
    }

    @Test
    void aRejectedCodeOrAnUnreachableMarketplaceStoresNothing() {
        InstallService service = service(true);
        gateway.onExchange(new TokenExchangeOutcome.InvalidGrant("Invalid grant: authorization code is invalid"));
        gateway.onExchange(new TokenExchangeOutcome.Transient(Optional.empty(), "503"));
        gateway.onExchange(new TokenExchangeOutcome.Uncertain("read timeout"));

        assertThat(service.complete(new CompleteInstall("a", Optional.empty(), Optional.empty())))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.CODE_REJECTED));
        assertThat(service.complete(new CompleteInstall("b", Optional.empty(), Optional.empty())))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.MARKETPLACE_UNAVAILABLE));
        assertThat(service.complete(new CompleteInstall("c", Optional.empty(), Optional.empty())))
            .isEqualTo(new InstallOutcome.Refused(InstallRefusal.MARKETPLACE_UNAVAILABLE));
        assertThat(storedInstallations()).isZero();
        assertThat(events.published()).isEmpty();
    }

    @Test
    void aCompanyInstallStoresTheCompanyGrantAndWhatTheInstallSaid() {
        gateway.onExchange(companyPair());

        InstallOutcome outcome = service(true).complete(new CompleteInstall("c", Optional.empty(), Optional.empty()));

        InstallOutcome.Installed installed = (InstallOutcome.Installed) outcome;
        assertThat(installed.userType()).isEqualTo(UserType.COMPANY);
        Installation company = installations.findById(installed.installationId()).orElseThrow();
        assertThat(company.companyDetails().installToFutureLocations()).isTrue();
        assertThat(company.companyDetails().approvedLocations()).containsExactly(LOCATION);
        assertThat(provisioning.pending()).as("location tokens are minted in the background").containsExactly(company.id());
    }

    @Test
    void aSecondInstallOfTheSameLocationReplacesThePairAndAnUninstalledOneIsReinstalled() {
        InstallService service = service(true);
        gateway.onExchange(locationPair("1")).onExchange(locationPair("2")).onExchange(locationPair("3"));
        InstallOutcome.Installed first = (InstallOutcome.Installed) service.complete(
            new CompleteInstall("c1", Optional.empty(), Optional.empty()));
        clock.advance(Duration.ofMinutes(1));
        service.complete(new CompleteInstall("c2", Optional.empty(), Optional.empty()));
        assertThat(grants.findByInstallationId(first.installationId()).orElseThrow().accessToken().value())
            .isEqualTo("at-2");

        Installation current = installations.findById(first.installationId()).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        installations.update(current.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, clock.instant(), clock.instant()));
        clock.advance(Duration.ofMinutes(1));
        InstallOutcome again = service.complete(new CompleteInstall("c3", Optional.empty(), Optional.empty()));

        assertThat(again).isEqualTo(first);
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
