package io.accesshub.application.service;

import io.accesshub.application.fakes.FakeMarketplaceGateway;
import io.accesshub.application.fakes.FixedMarketplaceApps;
import io.accesshub.application.fakes.InMemoryGrantRepository;
import io.accesshub.application.fakes.InMemoryInstallationRepository;
import io.accesshub.application.fakes.InMemoryRefreshLeases;
import io.accesshub.application.fakes.InMemoryTransactionRunner;
import io.accesshub.application.fakes.RecordingInstallationEventPublisher;
import io.accesshub.application.fakes.RecordingHubMetrics;
import io.accesshub.application.fakes.RecordingHubMetrics;
import io.accesshub.application.fakes.RecordingOperatorAlerts;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

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
    final RecordingOperatorAlerts alerts = new RecordingOperatorAlerts();
    final RecordingHubMetrics metrics = new RecordingHubMetrics();
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
        this.credentials = new AppCredentials(alerts, clock);
        this.keeper = new OutcomeKeeper(keptWrites::add, clock::advance, Duration.ofMillis(200), Duration.ofSeconds(5),
            alerts);
    }

    FixedMarketplaceApps apps() {
        return new FixedMarketplaceApps(new MarketplaceApp(app, "main", Scopes.parse("oauth.write")));
    }

    GrantRefresher refresher() {
        if (refresher == null) {
            InstallationTransitions transitions = new InstallationTransitions(installations, grants, events, transactions);
            CompanyCascadeRunner cascade = new CompanyCascadeRunner(installations, grants, transitions, transactions, clock);
            refresher = new GrantRefresher(apps(), installations, grants, leases, gateway, transitions, cascade, keeper,
                credentials, () -> databaseReachableFor, settings, clock, "test", clock::advance, () -> 0.5,
                metrics);
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
