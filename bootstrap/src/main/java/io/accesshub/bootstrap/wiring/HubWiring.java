package io.accesshub.bootstrap.wiring;

import io.accesshub.adapter.http.security.ApiKeyRegistry;
import io.accesshub.application.port.out.ApiKeyStore;
import io.accesshub.application.port.out.TokenReadAudit;
import io.accesshub.application.port.out.ConsoleAuditLog;
import io.accesshub.application.port.out.ConsoleSessionStore;
import io.accesshub.application.port.out.FleetStatistics;
import io.accesshub.application.port.out.LifecycleHistory;
import io.accesshub.application.port.out.SignedValues;
import io.accesshub.application.service.ConsoleAuditRetentionService;
import io.accesshub.application.service.ConsoleService;
import io.accesshub.domain.console.ConsoleAuditRetention;
import io.accesshub.domain.console.ConsoleIdleTimeout;
import io.accesshub.application.service.FleetOverviewService;
import io.accesshub.application.service.ApiKeyService;
import io.accesshub.application.port.in.ConfiguredApiKey;
import io.accesshub.application.service.TokenReadAuditService;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.IdGenerator;
import io.accesshub.application.port.out.InstallStateStore;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.SecretGenerator;
import io.accesshub.application.port.out.SignedValues;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.port.out.LocationOwners;
import io.accesshub.application.port.out.LocationProvisioningQueue;
import io.accesshub.application.port.out.LifecycleEventListener;
import io.accesshub.application.port.out.LifecycleOutbox;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.application.port.out.TokenReads;
import io.accesshub.application.port.out.WebhookEventHandler;
import io.accesshub.application.service.LocationListings;
import io.accesshub.application.service.LocationMinter;
import io.accesshub.application.service.TokenCaches;
import io.accesshub.application.service.HistoryRetentionService;
import io.accesshub.application.service.LifecycleDispatchService;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.application.port.out.DroppedWebhooks;
import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.in.ReceiveWebhookUseCase;
import io.accesshub.bootstrap.metrics.WebhookMetering;
import io.accesshub.domain.webhook.WebhookAdmission;
import io.accesshub.domain.webhook.WebhookRetention;
import io.accesshub.application.service.WebhookIntakeService;
import io.accesshub.application.service.WebhookProcessingService;
import io.accesshub.application.service.LocationProvisioningService;
import io.accesshub.application.service.DeadLetterService;
import io.accesshub.application.service.GrantRefresher;
import io.accesshub.application.service.ReconciliationService;
import io.accesshub.application.service.InstallHandleService;
import io.accesshub.application.service.InstallService;
import io.accesshub.application.service.ProactiveRefreshService;
import io.accesshub.application.service.RefreshSettings;
import io.accesshub.application.service.TokenService;
import io.accesshub.application.service.RejectedTokenReportService;
import io.accesshub.domain.grant.RejectionReportLimit;
import io.accesshub.application.port.out.DatabaseReachability;
import io.accesshub.application.port.out.OperatorAlerts;
import io.accesshub.application.service.AppCredentials;
import io.accesshub.application.service.AppCredentialsCheckService;
import io.accesshub.application.service.CompanyCascadeRunner;
import io.accesshub.application.service.InstallationTransitions;
import io.accesshub.application.service.OutcomeKeeper;
import io.accesshub.domain.grant.HolderLiveness;
import io.accesshub.domain.grant.LeaseBudget;
import io.accesshub.domain.grant.RefreshBackoff;
import io.accesshub.domain.grant.RefreshRecovery;
import io.accesshub.domain.grant.RefreshTiming;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import io.accesshub.application.service.InstallationQueryService;
import io.accesshub.application.port.in.DecryptSsoUseCase;
import io.accesshub.application.port.out.SsoPayloads;
import io.accesshub.application.service.SsoService;
import io.accesshub.application.port.in.RateBudgets;
import io.accesshub.application.port.out.BudgetLedger;
import io.accesshub.application.service.RateBudgetService;
import io.accesshub.application.service.HighLevelCallService;
import io.accesshub.application.port.out.HighLevelApi;
import io.accesshub.domain.proxy.ApiVersions;
import io.accesshub.application.service.BudgetViewService;
import io.accesshub.domain.budget.BudgetPolicy;
import java.time.ZoneId;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the application services (plain Java, no annotations) from the adapters' port implementations. */
@Factory
public class HubWiring {

    private final RandomIds randomIds = new RandomIds();
    private final AtomicInteger refreshThreads = new AtomicInteger();
    private final AtomicInteger keeperThreads = new AtomicInteger();
    /** Names this instance in refresh leases (host + random suffix), so leases show who holds them. */
    private final String instanceId = hostName() + "-" + Long.toHexString(new SecureRandom().nextLong() & 0xffffffL);

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "hub";
        }
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    IdGenerator idGenerator() {
        return randomIds;
    }

    @Singleton
    SecretGenerator secretGenerator() {
        return randomIds;
    }

    @Singleton
    LifecycleEventListener loggingLifecycleListener() {
        return new LoggingLifecycleListener();
    }

    /**
     * Built when the context starts: webhookIds remembered for less than 30 days, than the timestamp tolerance or
     * than events are kept would let a captured event be replayed, so such settings stop the hub at startup.
     */
    @Context
    WebhookRetention webhookRetention(@Value("${accesshub.retention.keep:7d}") Duration keep,
                                      @Value("${accesshub.webhooks.id-retention:30d}") Duration ids,
                                      @Value("${accesshub.webhooks.timestamp-tolerance:2h}") Duration tolerance) {
        try {
            return new WebhookRetention(keep, ids, tolerance);
        } catch (IllegalArgumentException invalid) {
            throw new io.micronaut.context.exceptions.ConfigurationException("ACCESSHUB_RETENTION_KEEP,"
                + " ACCESSHUB_WEBHOOKS_ID_RETENTION and ACCESSHUB_WEBHOOKS_TIMESTAMP_TOLERANCE do not fit: "
                + invalid.getMessage());
        }
    }

    @Singleton
    HistoryRetentionService historyRetentionService(WebhookInbox inbox, LifecycleOutbox outbox,
                                                    WebhookRetention retention) {
        return new HistoryRetentionService(inbox, outbox, retention);
    }

    @Singleton
    DroppedWebhooks droppedWebhooks() {
        return new CountingDroppedWebhooks();
    }

    @Singleton
    LifecycleDispatchService lifecycleDispatchService(LifecycleOutbox outbox, List<LifecycleEventListener> listeners,
        @Value("${accesshub.lifecycle.dispatch.batch-size:200}") int batchSize,
        @Value("${accesshub.lifecycle.dispatch.lease:30s}") Duration lease,
        @Value("${accesshub.lifecycle.dispatch.max-attempts:10}") int maxAttempts, HubMetrics metrics,
        io.accesshub.application.port.out.LifecycleRelay relay) {
        return new LifecycleDispatchService(outbox, listeners, batchSize, lease, maxAttempts, metrics, relay);
    }

    @Singleton
    InstallService installService(MarketplaceApps apps, MarketplaceGateway gateway, InstallStateStore states,
                                  SecretGenerator secrets, SignedValues signer,
                                  InstallationRepository installations,
                                  GrantRepository grants, InstallationEventPublisher events,
                                  TransactionRunner transactions, IdGenerator ids, Clock clock,
                                  @Value("${accesshub.install.accept-marketplace-initiated:true}")
                                  boolean acceptMarketplaceInitiated, LocationProvisioningQueue provisioning,
                                  OutcomeKeeper keeper, LocationOwners owners) {
        return new InstallService(apps, gateway, states, secrets, signer, installations, grants, events, transactions,
            ids, clock, acceptMarketplaceInitiated, provisioning, keeper, owners);
    }

    @Singleton
    InstallHandleService installHandleService(SignedValues signer, InstallationRepository installations,
                                              Clock clock) {
        return new InstallHandleService(signer, installations, clock);
    }

    @Singleton
    LocationMinter locationMinter(InstallationRepository installations, GrantRepository grants,
                                  MarketplaceGateway gateway, InstallationEventPublisher events,
                                  TransactionRunner transactions, IdGenerator ids, Clock clock,
                                  OutcomeKeeper keeper, MarketplaceApps apps) {
        return new LocationMinter(installations, grants, gateway, events, transactions, ids, clock, keeper, apps);
    }

    @Singleton
    CompanyCascadeRunner companyCascadeRunner(InstallationRepository installations, GrantRepository grants,
                                              InstallationTransitions transitions, TransactionRunner transactions,
                                              Clock clock) {
        return new CompanyCascadeRunner(installations, grants, transitions, transactions, clock);
    }

    @Singleton
    LocationProvisioningService locationProvisioningService(LocationProvisioningQueue queue,
                                                            InstallationRepository installations,
                                                            GrantRepository grants, GrantRefresher refresher,
                                                            MarketplaceGateway gateway, LocationMinter minter,
                                                            LocationListings listings, Clock clock) {
        return new LocationProvisioningService(queue, installations, grants, refresher, gateway, minter, listings,
            clock, instanceId, 100);
    }

    /**
     * What HighLevel's listings of an agency's locations teach: the owner of each location, and removals confirmed by
     * two listings at least one reconciliation interval apart.
     */
    @Singleton
    LocationListings locationListings(LocationOwners owners, InstallationRepository installations,
                                      InstallationTransitions transitions,
                                      @Value("${accesshub.reconciliation.interval:1h}") Duration removalConfirmedAfter,
                                      Clock clock) {
        return new LocationListings(owners, installations, transitions, removalConfirmedAfter, clock);
    }

    /**
     * Built when the context starts ({@code @Context}), not on first use: a setting the engine cannot work with (a
     * lease shorter than one request, a grace window of 30 s or more) stops the hub at startup instead of turning
     * every later token read into a 500.
     */
    @Context
    RefreshSettings refreshSettings(
        @Value("${accesshub.refresh.window:30m}") Duration window,
        @Value("${accesshub.refresh.refresh-token-max-age:335d}") Duration refreshTokenMaxAge,
        @Value("${accesshub.refresh.safety-margin:60s}") Duration safetyMargin,
        @Value("${accesshub.refresh.grace-window:20s}") Duration graceWindow,
        @Value("${accesshub.refresh.lease:60s}") Duration lease,
        @Value("${micronaut.http.services.highlevel.connect-timeout:5s}") Duration connectTimeout,
        @Value("${micronaut.http.services.highlevel.read-timeout:15s}") Duration readTimeout,
        @Value("${accesshub.refresh.completion-allowance:5s}") Duration completionAllowance,
        @Value("${accesshub.refresh.holder-gone-after:60s}") Duration holderGoneAfter,
        @Value("${accesshub.refresh.wait-for-other-instance:20s}") Duration waitForOther,
        @Value("${accesshub.refresh.backoff-base:30s}") Duration backoffBase,
        @Value("${accesshub.refresh.backoff-max:15m}") Duration backoffMax) {
        Duration lifetime = Duration.ofDays(365);
        RefreshTiming timing = new RefreshTiming(window, lifetime, lifetime.minus(refreshTokenMaxAge), safetyMargin);
        return new RefreshSettings(timing, new RefreshRecovery(graceWindow), new RefreshBackoff(backoffBase, backoffMax),
            new HolderLiveness(holderGoneAfter), new LeaseBudget(connectTimeout, readTimeout, completionAllowance),
            lease, waitForOther, Duration.ofMillis(50));
    }

    /** The refresh timing on its own, for the persistence adapter that schedules each grant it writes. */
    @Singleton
    RefreshTiming refreshTiming(RefreshSettings settings) {
        return settings.timing();
    }

    @Singleton
    AppCredentials appCredentials(OperatorAlerts alerts, Clock clock) {
        return new AppCredentials(alerts, clock);
    }

    @Singleton
    OutcomeKeeper outcomeKeeper(OperatorAlerts alerts,
                                @Value("${accesshub.refresh.store-retry-max:5s}") Duration maxRetry) {
        ExecutorService keepers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "outcome-keeper-" + keeperThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new OutcomeKeeper(keepers, HubWiring::pause, Duration.ofMillis(200), maxRetry, alerts);
    }

    @Singleton
    InstallationTransitions installationTransitions(InstallationRepository installations, GrantRepository grants,
                                                    InstallationEventPublisher events, TransactionRunner transactions) {
        return new InstallationTransitions(installations, grants, events, transactions);
    }

    @Singleton
    GrantRefresher grantRefresher(MarketplaceApps apps, InstallationRepository installations, GrantRepository grants,
                                  RefreshLeases leases, MarketplaceGateway gateway,
                                  InstallationTransitions transitions, CompanyCascadeRunner cascade,
                                  OutcomeKeeper keeper, AppCredentials credentials,
                                  DatabaseReachability reachability, RefreshSettings settings, Clock clock,
                                  HubMetrics metrics) {
        return new GrantRefresher(apps, installations, grants, leases, gateway, transitions, cascade, keeper,
            credentials, reachability, settings, clock, instanceId, HubWiring::pause,
            ThreadLocalRandom.current()::nextDouble, metrics);
    }

    @Singleton
    AppCredentialsCheckService appCredentialsCheckService(MarketplaceApps apps, RefreshLeases leases,
                                                          GrantRefresher refresher, AppCredentials credentials) {
        return new AppCredentialsCheckService(apps, leases, refresher, credentials);
    }

    @Singleton
    TokenCaches tokenCaches(@Value("${accesshub.token-cache.ttl:2s}") Duration ttl,
                            @Value("${accesshub.token-cache.maximum-size:100000}") long maximumSize, Clock clock) {
        return TokenCaches.create(ttl, maximumSize, clock);
    }

    @Singleton
    TokenService tokenService(MarketplaceApps apps, TokenReads reads, InstallationRepository installations,
                              GrantRefresher refresher, LocationMinter minter, LocationOwners owners,
                              RefreshSettings settings, Clock clock, TokenCaches caches, TokenReadAuditService audit,
                              HubMetrics metrics) {
        return new TokenService(apps, reads, installations, refresher, minter, owners, settings, clock, caches, audit,
            metrics);
    }

    /** Reports of rejected tokens: at most {@code perMinute} re-validations per installation and minute. */
    @Singleton
    RejectedTokenReportService rejectedTokenReportService(TokenService tokens, TokenReads reads,
                                                          GrantRefresher refresher, TokenCaches caches, Clock clock,
                                                          @Value("${accesshub.token-reports.per-minute:6}")
                                                          int perMinute) {
        if (perMinute < 1) {
            throw new IllegalStateException("ACCESSHUB_TOKEN_REPORTS_PER_MINUTE must be at least 1, not " + perMinute);
        }
        return new RejectedTokenReportService(tokens, reads, refresher, caches,
            new RejectionReportLimit(perMinute, Duration.ofMinutes(1)), clock);
    }

    @Singleton
    TokenReadAuditService tokenReadAuditService(TokenReadAudit audit, Clock clock,
                                                @Value("${accesshub.audit.token-reads.retention:90d}") Duration retention,
                                                @Value("${accesshub.audit.token-reads.enabled:true}") boolean enabled) {
        return new TokenReadAuditService(audit, clock, retention, enabled);
    }

    /**
     * Built when the context starts: a configured key with an unknown permission or a malformed hash stops the hub
     * with a message naming the key, instead of failing every request later.
     */
    @Context
    ApiKeyService apiKeyService(ApiKeyStore store, MarketplaceApps apps, Clock clock,
                                @Value("${accesshub.api.keys:}") String configuredKeys,
                                @Value("${accesshub.api-key-cache.ttl:2s}") Duration cacheTtl) {
        List<ConfiguredApiKey> configured;
        try {
            configured = ApiKeyRegistry.parse(configuredKeys);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalStateException("ACCESSHUB_API_KEYS is invalid: " + invalid.getMessage(), invalid);
        }
        return new ApiKeyService(store, randomIds, apps, clock, configured, cacheTtl);
    }

    @Singleton
    ProactiveRefreshService proactiveRefreshService(RefreshLeases leases, GrantRefresher refresher,
                                                    AppCredentials credentials, Clock clock,
                                                    @Value("${accesshub.refresh.pool-size:4}") int poolSize,
                                                    @Value("${accesshub.refresh.batch-size:50}") int batchSize) {
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, runnable -> {
            Thread thread = new Thread(runnable, "refresh-" + refreshThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new ProactiveRefreshService(leases, refresher, credentials, clock, pool, batchSize);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The intake service, its results counted in {@code accesshub_webhooks_received_total}. */
    @Singleton
    ReceiveWebhookUseCase webhookIntakeService(WebhookInbox inbox, MarketplaceApps apps, DroppedWebhooks dropped,
                                               Clock clock, WebhookRetention retention, HubMetrics metrics,
                                               @Value("${accesshub.webhooks.require-timestamp:true}")
                                               boolean requireTimestamp) {
        return new WebhookMetering(metrics).intake(new WebhookIntakeService(inbox, apps, dropped, clock,
            new WebhookAdmission(retention.timestampTolerance(), requireTimestamp)));
    }

    @Singleton
    WebhookProcessingService webhookProcessingService(WebhookInbox inbox, MarketplaceApps apps,
                                                      InstallationRepository installations, GrantRepository grants,
                                                      GrantRefresher refresher, LocationMinter minter,
                                                      CompanyCascadeRunner cascade,
                                                      InstallationEventPublisher events,
                                                      TransactionRunner transactions, IdGenerator ids, Clock clock,
                                                      List<WebhookEventHandler> handlers, HubMetrics metrics,
                                                      LocationOwners owners,
                                                      InstallationTransitions transitions) {
        return new WebhookProcessingService(new WebhookMetering(metrics).inbox(inbox), apps, installations, grants,
            refresher, minter, cascade, events, transactions, ids, clock, instanceId, handlers, owners, transitions);
    }

    @Singleton
    ReconciliationService reconciliationService(InstallationRepository installations,
                                                LocationProvisioningQueue provisioning, Clock clock) {
        return new ReconciliationService(installations, provisioning, clock);
    }

    @Singleton
    DeadLetterService deadLetterService(WebhookInbox inbox) {
        return new DeadLetterService(inbox);
    }

    /** Custom-page SSO: payloads open in the HighLevel adapter, installations are looked up within the caller's scope. */
    @Singleton
    DecryptSsoUseCase decryptSsoUseCase(SsoPayloads payloads, InstallationRepository installations) {
        return new SsoService(payloads, installations);
    }

    @Singleton
    InstallationQueryService installationQueryService(InstallationRepository installations, GrantRepository grants,
                                                      MarketplaceApps apps,
                                                      io.accesshub.application.port.out.UninstallRequests uninstalls,
                                                      Clock clock) {
        return new InstallationQueryService(installations, grants, apps, uninstalls, clock);
    }

    /**
     * The HighLevel rate budgets every outbound call draws on, shared by all instances through the database (ADR-28).
     * Built when the context starts: settings that break the budget rules stop the hub with the variables named.
     */
    @Context
    BudgetPolicy budgetPolicy(@Value("${accesshub.highlevel.requests-per-window:90}") int perWindow,
                              @Value("${accesshub.highlevel.window:10s}") Duration window,
                              @Value("${accesshub.highlevel.sub-windows:20}") int subWindows,
                              @Value("${accesshub.highlevel.background-reserve:10}") int reserve,
                              @Value("${accesshub.highlevel.requests-per-day:200000}") long perDay,
                              @Value("${accesshub.highlevel.day-zone:UTC}") String dayZone,
                              @io.micronaut.context.annotation.Property(name = "accesshub.highlevel.send-allowance")
                              @io.micronaut.core.annotation.Nullable Duration sendAllowance) {
        try {
            // Unset: 1 s (at most the window), the time a permitted call may take to reach HighLevel.
            Duration allowance = sendAllowance != null ? sendAllowance
                : window.compareTo(Duration.ofSeconds(1)) < 0 ? window : Duration.ofSeconds(1);
            return new BudgetPolicy(perWindow, window, subWindows, reserve, perDay, ZoneId.of(dayZone), allowance);
        } catch (RuntimeException invalid) {
            throw new io.micronaut.context.exceptions.ConfigurationException("ACCESSHUB_HIGHLEVEL_REQUESTS_PER_WINDOW,"
                + " _WINDOW, _SUB_WINDOWS, _BACKGROUND_RESERVE, _REQUESTS_PER_DAY, _DAY_ZONE and _SEND_ALLOWANCE"
                + " do not fit: " + invalid.getMessage());
        }
    }

    @Singleton
    RateBudgets rateBudgets(BudgetLedger ledger, BudgetPolicy policy, Clock clock) {
        return new RateBudgetService(ledger, policy, clock, HubWiring::pause);
    }

    /**
     * Product calls to HighLevel (the proxy and the in-process client): HighLevel's {@code Version} per path comes
     * from {@code accesshub.highlevel.api-version} and the older version and its path segments from
     * {@code accesshub.highlevel.older-api-version} / {@code older-api-version-segments}.
     */
    @Singleton
    HighLevelCallService highLevelCalls(TokenService tokens, RejectedTokenReportService reports, RateBudgets budgets,
                                        HighLevelApi api, Clock clock,
                                        @Value("${accesshub.highlevel.api-version:2021-07-28}") String current,
                                        @Value("${accesshub.highlevel.older-api-version:2021-04-15}") String older,
                                        @Value("${accesshub.highlevel.older-api-version-segments:calendars,conversations,saas}")
                                        java.util.List<String> olderSegments) {
        return new HighLevelCallService(tokens, reports, budgets, api,
            new ApiVersions(current, older, java.util.Set.copyOf(olderSegments)), clock);
    }

    @Singleton
    BudgetViewService budgetViewService(MarketplaceApps apps, InstallationRepository installations,
                                        BudgetLedger ledger, BudgetPolicy policy) {
        return new BudgetViewService(apps, installations, ledger, policy);
    }

    /**
     * How long a console session may sit unused: {@code accesshub.console.idle-timeout} (env
     * {@code ACCESSHUB_CONSOLE_IDLE_TIMEOUT}, 30 minutes). Built when the context starts: a value outside 1 minute to
     * 24 hours stops the hub with the variable named.
     */
    @Context
    ConsoleIdleTimeout consoleIdleTimeout(@Value("${accesshub.console.idle-timeout:30m}") Duration idleTimeout) {
        try {
            return new ConsoleIdleTimeout(idleTimeout);
        } catch (RuntimeException invalid) {
            throw new io.micronaut.context.exceptions.ConfigurationException("ACCESSHUB_CONSOLE_IDLE_TIMEOUT: "
                + invalid.getMessage());
        }
    }

    /** The operations console's sessions and actions (ADR-33). */
    @Singleton
    ConsoleService consoleService(ConsoleSessionStore sessions, ConsoleAuditLog audit, ApiKeyService keys,
                                  WebhookInbox inbox, TransactionRunner transactions, SignedValues signed, Clock clock,
                                  ConsoleIdleTimeout idleTimeout) {
        return new ConsoleService(sessions, audit, keys, inbox, transactions, randomIds, signed, clock, idleTimeout);
    }

    /**
     * How long the console audit keeps an entry: {@code accesshub.console.audit-retention} (env
     * {@code ACCESSHUB_CONSOLE_AUDIT_RETENTION}, 90 days). Built when the context starts: a value outside 1 day to
     * 10 years stops the hub with the variable named.
     */
    @Context
    ConsoleAuditRetention consoleAuditRetention(
        @Value("${accesshub.console.audit-retention:90d}") Duration retention) {
        try {
            return new ConsoleAuditRetention(retention);
        } catch (RuntimeException invalid) {
            throw new io.micronaut.context.exceptions.ConfigurationException("ACCESSHUB_CONSOLE_AUDIT_RETENTION: "
                + invalid.getMessage());
        }
    }

    /** Deletes console audit entries past their retention (run by {@code ConsoleAuditRetentionScheduler}). */
    @Singleton
    ConsoleAuditRetentionService consoleAuditRetentionService(ConsoleAuditLog audit, Clock clock,
                                                              ConsoleAuditRetention retention) {
        return new ConsoleAuditRetentionService(audit, clock, retention);
    }

    @Singleton
    FleetOverviewService fleetOverviewService(FleetStatistics statistics, LifecycleHistory history) {
        return new FleetOverviewService(statistics, history);
    }
}

