package io.accesshub.application.service;

import io.accesshub.application.fakes.FakeMarketplaceGateway;
import io.accesshub.application.fakes.FixedMarketplaceApps;
import io.accesshub.application.fakes.InMemoryGrantRepository;
import io.accesshub.application.fakes.InMemoryInstallationRepository;
import io.accesshub.application.fakes.InMemoryRefreshLeases;
import io.accesshub.application.fakes.InMemoryTransactionRunner;
import io.accesshub.application.fakes.RecordingInstallationEventPublisher;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.OperatorAlerts;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A refresh engine on in-memory fakes with controlled time: the pause advances the clock, the keeper's background
 * work queues until {@link #runKeptWrites()}, and the database's reachability is whatever the test sets.
 */
final class RefreshEngineFixture {

    final InstallServiceTest.MutableClock clock = new InstallServiceTest.MutableClock(TestTimes.NOW);
    final InMemoryInstallationRepository installations = new InMemoryInstallationRepository();
    final InMemoryGrantRepository grants = new InMemoryGrantRepository();
    final RecordingInstallationEventPublisher events = new RecordingInstallationEventPublisher();
    final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner(installations, grants, events);
    final FakeMarketplaceGateway gateway = new FakeMarketplaceGateway();
    final Deque<Runnable> keptWrites = new ArrayDeque<>();
    final List<String> alerts = new ArrayList<>();
    Duration databaseReachableFor = Duration.ofHours(1);
    RefreshSettings settings = RefreshSettings.defaults();
    final InMemoryRefreshLeases leases;
    final AppCredentials credentials;
    final OutcomeKeeper keeper;
    private final MarketplaceAppId app;
    private GrantRefresher refresher;

    RefreshEngineFixture(MarketplaceAppId app) {
        this.app = app;
        this.leases = new InMemoryRefreshLeases(grants, clock, settings.timing(),
            id -> installations.findById(id).orElseThrow().key().appId());
        OperatorAlerts operatorAlerts = new OperatorAlerts() {
            @Override
            public void appCredentialsRefused(MarketplaceAppId refused, String detail) {
                alerts.add("refused " + refused.value());
            }

            @Override
            public void appCredentialsAccepted(MarketplaceAppId accepted) {
                alerts.add("accepted " + accepted.value());
            }

            @Override
            public void outcomeKeptForRetry(String what, int attempts, String cause) {
                alerts.add("kept " + what);
            }
        };
        this.credentials = new AppCredentials(operatorAlerts, clock);
        this.keeper = new OutcomeKeeper(keptWrites::add, clock::advance, Duration.ofMillis(200), Duration.ofSeconds(5),
            operatorAlerts);
    }

    FixedMarketplaceApps apps() {
        return new FixedMarketplaceApps(new MarketplaceApp(app, "main", Scopes.parse("oauth.write")));
    }

    GrantRefresher refresher() {
        if (refresher == null) {
            InstallationTransitions transitions = new InstallationTransitions(installations, events, transactions);
            CompanyCascadeRunner cascade = new CompanyCascadeRunner(installations, grants, events, transactions, clock);
            refresher = new GrantRefresher(apps(), installations, grants, leases, gateway, transitions, cascade, keeper,
                credentials, () -> databaseReachableFor, settings, clock, "test", clock::advance, () -> 0.5);
        }
        return refresher;
    }

    /** Runs the keeper's background retries until none is left (each retry pauses on the test clock). */
    void runKeptWrites() {
        while (!keptWrites.isEmpty()) {
            keptWrites.poll().run();
        }
    }
}
