package io.accesshub.application.service;

import static io.accesshub.application.testdata.GrantMother.aCompanyGrant;
import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.fakes.FakeMarketplaceGateway;
import io.accesshub.application.fakes.FixedMarketplaceApps;
import io.accesshub.application.fakes.InMemoryGrantRepository;
import io.accesshub.application.fakes.InMemoryInstallationRepository;
import io.accesshub.application.fakes.InMemoryLocationOwners;
import io.accesshub.application.fakes.InMemoryTokenReadAudit;
import io.accesshub.application.fakes.InMemoryTokenReads;
import io.accesshub.application.fakes.InMemoryTransactionRunner;
import io.accesshub.application.fakes.RecordingInstallationEventPublisher;
import io.accesshub.application.fakes.RecordingHubMetrics;
import io.accesshub.application.fakes.RecordingOperatorAlerts;
import io.accesshub.application.fakes.SequentialIdGenerator;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.TokenResult;
import io.accesshub.application.port.out.GrantedTo;
import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.LeaseState;
import io.accesshub.application.port.out.RefreshLease;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Token reads over the in-memory fakes: one lookup per miss, the Caffeine cache (TTL on the test clock, the safety
 * margin, the bound), the refresher only for unusable tokens, and the one-minute memory of unmintable locations.
 */
class TokenServiceTest {

    private static final Duration MARGIN = RefreshSettings.defaults().timing().onDemandSafetyMargin();

    private final InstallServiceTest.MutableClock clock = new InstallServiceTest.MutableClock(TestTimes.NOW);
    private final InMemoryInstallationRepository installations = new InMemoryInstallationRepository();
    private final InMemoryGrantRepository grants = new InMemoryGrantRepository();
    private final InMemoryTokenReads reads = new InMemoryTokenReads(installations, grants);
    private final RecordingInstallationEventPublisher events = new RecordingInstallationEventPublisher();
    private final TransactionRunner transactions = new InMemoryTransactionRunner(installations, grants, events);
    private final FakeMarketplaceGateway gateway = new FakeMarketplaceGateway();
    private final MarketplaceAppId app = TestIds.appId();
    private TokenCaches caches;
    private final RecordingHubMetrics metrics = new RecordingHubMetrics();
    private final InMemoryLocationOwners owners = new InMemoryLocationOwners();
    private InMemoryTokenReadAudit audit;
    private TokenReadAuditService auditService;

    /** Token reads of usable grants never touch the leases; any call means the test's premise broke. */
    private static final RefreshLeases NO_LEASES = new HeldElsewhere(() -> {
        throw new AssertionError("a usable token must not be refreshed");
    });

    /** Leases another instance holds: the refresher hands out what that holder stored (after {@code meanwhile}). */
    private record HeldElsewhere(Runnable meanwhile) implements RefreshLeases {

        @Override
        public Optional<LeaseState> inspect(InstallationId id) {
            meanwhile.run();
            return Optional.of(new LeaseState(true, false, Duration.ZERO, Optional.empty()));
        }

        @Override
        public Optional<RefreshLease> acquire(InstallationId id, String owner, Duration leaseDuration) {
            throw new AssertionError("the lease is held elsewhere");
        }

        @Override
        public boolean recordAttempt(RefreshLease lease, Duration needed) {
            throw new AssertionError();
        }

        @Override
        public Optional<RefreshLease> renew(RefreshLease lease, Duration leaseDuration) {
            throw new AssertionError();
        }

        @Override
        public boolean complete(InstallationId id, Optional<String> basis, long fence, Grant refreshed,
                                Instant nextRefreshAt) {
            throw new AssertionError();
        }

        @Override
        public void release(RefreshLease lease, boolean attemptSettled, Optional<Instant> retryAt) {
            throw new AssertionError();
        }

        @Override
        public void reschedule(RefreshLease lease, Instant nextRefreshAt) {
            throw new AssertionError();
        }

        @Override
        public void park(RefreshLease lease) {
            throw new AssertionError();
        }

        @Override
        public List<InstallationId> due(Instant now, Set<MarketplaceAppId> excludedApps, int limit) {
            return List.of();
        }

        @Override
        public Optional<InstallationId> firstScheduled(MarketplaceAppId app) {
            return Optional.empty();
        }
    }

    private TokenService service(Duration cacheTtl) {
        return service(cacheTtl, 100_000, NO_LEASES);
    }

    private TokenService service(Duration cacheTtl, long maximumSize, RefreshLeases leases) {
        return service(cacheTtl, maximumSize, leases, Scopes.parse("oauth.write"));
    }

    private TokenService service(Duration cacheTtl, long maximumSize, RefreshLeases leases, Scopes configured) {
        FixedMarketplaceApps apps = new FixedMarketplaceApps(new MarketplaceApp(app, "main", configured));
        RecordingOperatorAlerts silent = new RecordingOperatorAlerts();
        InstallationTransitions transitions = new InstallationTransitions(installations, grants, events, transactions);
        GrantRefresher refresher = new GrantRefresher(apps, installations, grants, leases, gateway, transitions,
            new CompanyCascadeRunner(installations, grants, transitions, transactions, clock),
            new OutcomeKeeper(Runnable::run, clock::advance, Duration.ofMillis(200), Duration.ofSeconds(5), silent),
            new AppCredentials(silent, clock), () -> Duration.ofHours(1), RefreshSettings.defaults(), clock, "test",
            clock::advance, () -> 0.5, HubMetrics.NOOP);
        LocationMinter minter = new LocationMinter(installations, grants, gateway, events, transactions,
            new SequentialIdGenerator(), clock, new OutcomeKeeper(Runnable::run, clock::advance, Duration.ofMillis(200),
            Duration.ofSeconds(5), silent), apps);
        caches = TokenCaches.create(cacheTtl, maximumSize, clock);
        audit = new InMemoryTokenReadAudit();
        auditService = new TokenReadAuditService(audit, clock, Duration.ofDays(90), true);
        return new TokenService(apps, reads, installations, refresher, minter, owners, RefreshSettings.defaults(), clock,
            caches, auditService, metrics);
    }

    private Installation storeActiveLocation() {
        return storeActiveLocation(clock.instant().plus(5, ChronoUnit.HOURS));
    }

    private Installation storeActiveLocation(Instant accessTokenExpiresAt) {
        Installation installation = installations.add(aLocationInstallation().ofApp(app)
            .withStatus(InstallationStatus.ACTIVE).withReason(StateReason.GRANT_ISSUED).build());
        grants.add(aLocationGrant().forInstallation(installation.id()).accessTokenExpiresAt(accessTokenExpiresAt)
            .build());
        return installation;
    }

    private static LocationId locationOf(Installation installation) {
        return installation.key().locationId().orElseThrow();
    }

    private AccessToken tokenFor(TokenService service, LocationId location) {
        TokenResult result = service.accessTokenForLocation(Optional.empty(), location);
        assertThat(result).isInstanceOf(TokenResult.Issued.class);
        return ((TokenResult.Issued) result).accessToken();
    }

    /** Stores a new pair for the installation, as a refresh by the scheduler or another instance would. */
    private Grant rotate(InstallationId installation, Duration accessTokenLife) {
        Grant stored = grants.findByInstallationId(installation).orElseThrow();
        Instant now = clock.instant();
        IssuedTokens pair = IssuedTokens.of(AccessToken.of("rotated-" + TestIds.randomText(20)),
            now.plus(accessTokenLife), RefreshToken.of("rotated-refresh-" + TestIds.randomText(20)), stored.scopes(),
            now);
        return grants.update(stored.rotate(pair));
    }

    @Test
    void aUsableTokenIsServedFromStorageWithOneLookupPerRead() {
        Installation installation = storeActiveLocation();
        Grant grant = grants.findByInstallationId(installation.id()).orElseThrow();
        TokenService service = service(Duration.ZERO);

        TokenResult result = service.accessTokenForLocation(Optional.empty(), locationOf(installation));

        assertThat(result).isEqualTo(new TokenResult.Issued(grant.accessToken(), grant.accessTokenExpiresAt(),
            grant.scopes(), installation.key().companyId(), installation.key().locationId(), grant.source(),
            installation.key().appId()));
        assertThat(reads.lookups()).isEqualTo(1);
        service.accessTokenForLocation(Optional.empty(), locationOf(installation));
        assertThat(reads.lookups()).as("no cache: every read looks up").isEqualTo(2);
        assertThat(caches.cachedTokens()).isZero();
    }

    @Test
    void withinTheTtlASecondReadIsAHitAndAfterItTheStoredStateIsRead() {
        Installation installation = storeActiveLocation();
        TokenService service = service(Duration.ofSeconds(2));
        LocationId location = locationOf(installation);
        AccessToken first = tokenFor(service, location);
        installations.update(installations.findById(installation.id()).orElseThrow()
            .markNeedsReauth(StateReason.REFRESH_TOKEN_REJECTED, clock.instant()));

        clock.advance(Duration.ofMillis(1_999));
        assertThat(tokenFor(service, location)).isEqualTo(first);
        assertThat(reads.lookups()).isEqualTo(1);

        clock.advance(Duration.ofMillis(2));
        assertThat(service.accessTokenForLocation(Optional.empty(), location))
            .isEqualTo(new TokenResult.NeedsReauthorization(StateReason.REFRESH_TOKEN_REJECTED));
        assertThat(reads.lookups()).isEqualTo(2);
        assertThat(metrics.recorded()).as("each read is timed with its outcome, each cache lookup counted")
            .containsExactly("cache miss", "read issued", "cache hit", "read issued", "cache miss",
                "read needs_reauthorization");
    }

    @Test
    void aResultThatIsNotATokenIsNeverCached() {
        Installation installation = storeActiveLocation();
        TokenService service = service(Duration.ofMinutes(5));
        LocationId location = locationOf(installation);
        tokenFor(service, location);
        installations.update(installations.findById(installation.id()).orElseThrow()
            .markNeedsReauth(StateReason.REFRESH_TOKEN_REJECTED, clock.instant()));
        clock.advance(Duration.ofMinutes(6));
        assertThat(service.accessTokenForLocation(Optional.empty(), location))
            .isInstanceOf(TokenResult.NeedsReauthorization.class);

        service.accessTokenForLocation(Optional.empty(), location);

        assertThat(reads.lookups()).isEqualTo(3);
        assertThat(caches.cachedTokens()).isZero();
    }

    @Test
    void aCachedTokenIsServedOnlyWhileItOutlivesTheSafetyMargin() {
        Instant expiresAt = clock.instant().plus(MARGIN).plusSeconds(10);
        Installation installation = storeActiveLocation(expiresAt);
        TokenService service = service(Duration.ofSeconds(30));
        LocationId location = locationOf(installation);
        AccessToken cached = tokenFor(service, location);
        Grant refreshed = rotate(installation.id(), Duration.ofHours(24));

        clock.advance(Duration.ofSeconds(9));
        assertThat(tokenFor(service, location)).as("9 s in: still outlives the margin").isEqualTo(cached);
        assertThat(reads.lookups()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(tokenFor(service, location)).as("10 s in: inside the margin, within the TTL")
            .isEqualTo(refreshed.accessToken());
        assertThat(reads.lookups()).isEqualTo(2);
    }

    @Test
    void theCacheHoldsAtMostItsMaximumSize() {
        List<LocationId> locations = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            locations.add(locationOf(storeActiveLocation()));
        }
        TokenService roomy = service(Duration.ofHours(1), 100, NO_LEASES);
        locations.forEach(location -> tokenFor(roomy, location));
        locations.forEach(location -> tokenFor(roomy, location));
        assertThat(reads.lookups()).as("room for all: the second round is all hits").isEqualTo(10);

        TokenService bounded = service(Duration.ofHours(1), 3, NO_LEASES);
        locations.forEach(location -> tokenFor(bounded, location));
        assertThat(caches.cachedTokens()).isLessThanOrEqualTo(3);
        locations.forEach(location -> tokenFor(bounded, location));

        assertThat(reads.lookups() - 10).as("lookups with room for 3 of 10").isGreaterThanOrEqualTo(10 + 7);
        assertThat(caches.cachedTokens()).isLessThanOrEqualTo(3);
    }

    @Test
    void aLocationAndAnAgencyWithTheSameIdAreCachedApart() {
        String sameId = "same-" + TestIds.randomText(10);
        Installation company = installations.add(aCompanyInstallation().ofApp(app).ofCompany(CompanyId.of(sameId))
            .build());
        Grant companyGrant = grants.add(aCompanyGrant().forInstallation(company.id()).build());
        Installation location = installations.add(aLocationInstallation().ofApp(app).forLocation(LocationId.of(sameId))
            .build());
        Grant locationGrant = grants.add(aLocationGrant().forInstallation(location.id()).build());
        TokenService service = service(Duration.ofMinutes(1));

        for (int round = 0; round < 2; round++) {
            assertThat(tokenFor(service, LocationId.of(sameId))).isEqualTo(locationGrant.accessToken());
            assertThat(((TokenResult.Issued) service.accessTokenForCompany(Optional.empty(), CompanyId.of(sameId)))
                .accessToken()).isEqualTo(companyGrant.accessToken());
        }
        assertThat(reads.lookups()).isEqualTo(2);
    }

    @Test
    void theAppNamedByTheCallerIsPartOfTheKey() {
        Installation installation = storeActiveLocation();
        TokenService service = service(Duration.ofMinutes(1));
        LocationId location = locationOf(installation);

        service.accessTokenForLocation(Optional.of(app), location);
        service.accessTokenForLocation(Optional.of(app), location);
        assertThat(reads.lookups()).isEqualTo(1);
        assertThat(service.accessTokenForLocation(Optional.of(TestIds.appId()), location))
            .as("an app that is not configured").isInstanceOf(TokenResult.NotInstalled.class);
    }

    @Test
    void aTokenInsideTheSafetyMarginIsRefreshedAndTheFreshOneServed() {
        Installation installation = storeActiveLocation(clock.instant().plus(MARGIN));
        List<Grant> refreshedElsewhere = new ArrayList<>();
        TokenService service = service(Duration.ZERO, 100, new HeldElsewhere(() -> {
            if (refreshedElsewhere.isEmpty()) {
                refreshedElsewhere.add(rotate(installation.id(), Duration.ofHours(24)));
            }
        }));

        TokenResult result = service.accessTokenForLocation(Optional.empty(), locationOf(installation));

        assertThat(refreshedElsewhere).hasSize(1);
        assertThat(result).isInstanceOf(TokenResult.Issued.class);
        assertThat(((TokenResult.Issued) result).accessToken()).isEqualTo(refreshedElsewhere.get(0).accessToken());
        assertThat(((TokenResult.Issued) result).expiresAt())
            .isEqualTo(refreshedElsewhere.get(0).accessTokenExpiresAt());
    }

    @Test
    void aTokenNobodyRefreshesInTimeAnswersMarketplaceUnavailable() {
        Installation installation = storeActiveLocation(clock.instant().plus(MARGIN));
        TokenService service = service(Duration.ofSeconds(2), 100, new HeldElsewhere(() -> { }));

        TokenResult result = service.accessTokenForLocation(Optional.empty(), locationOf(installation));

        assertThat(result).isInstanceOf(TokenResult.MarketplaceUnavailable.class);
        assertThat(caches.cachedTokens()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = InstallationStatus.class, names = {"PENDING", "UNINSTALLED", "NEEDS_REAUTH"})
    void installationsThatServeNoTokenAnswerByTheirState(InstallationStatus status) {
        Installation installation = installations.add(aLocationInstallation().ofApp(app).withStatus(status).build());
        if (status == InstallationStatus.NEEDS_REAUTH) {
            grants.add(aLocationGrant().forInstallation(installation.id()).build());
        }
        TokenService service = service(Duration.ofSeconds(2));

        TokenResult result = service.accessTokenForLocation(Optional.empty(), locationOf(installation));

        assertThat(result).isEqualTo(status == InstallationStatus.NEEDS_REAUTH
            ? new TokenResult.NeedsReauthorization(installation.reason()) : new TokenResult.NotInstalled());
    }

    @Test
    void anActiveInstallationWithoutGrantIsNotInstalled() {
        Installation installation = installations.add(aLocationInstallation().ofApp(app).build());

        assertThat(service(Duration.ZERO).accessTokenForLocation(Optional.empty(), locationOf(installation)))
            .isEqualTo(new TokenResult.NotInstalled());
    }

    @Test
    void anUnknownLocationIsMintedOnDemandButNotRetriedWithinAMinuteOfARefusal() {
        Installation company = installations.add(aCompanyInstallation().ofApp(app).build());
        grants.add(aCompanyGrant().forInstallation(company.id()).build());
        LocationId location = TestIds.locationId();
        owners.learn(app, company.key().companyId(), List.of(location));
        TokenService service = service(Duration.ZERO, 100, new HeldElsewhere(() -> { }));
        gateway.onMint(() -> new TokenExchangeOutcome.Rejected(400, "Location not found for this company"));

        assertThat(service.accessTokenForLocation(Optional.empty(), location)).isEqualTo(new TokenResult.NotInstalled());

        gateway.onMint(() -> new TokenExchangeOutcome.Issued(IssuedTokens.withoutRefreshToken(
            AccessToken.of("minted-" + TestIds.randomText(20)), clock.instant().plus(Duration.ofHours(24)),
            Scopes.parse("contacts.readonly"), clock.instant()), new GrantedTo(UserType.LOCATION,
            company.key().companyId(), Optional.of(location), CompanyInstallDetails.none(), Optional.empty())));
        clock.advance(TokenCaches.NOT_MINTABLE_FOR.minusSeconds(1));
        assertThat(service.accessTokenForLocation(Optional.empty(), location))
            .as("within the minute: not tried").isEqualTo(new TokenResult.NotInstalled());

        clock.advance(Duration.ofSeconds(2));
        TokenResult minted = service.accessTokenForLocation(Optional.empty(), location);
        assertThat(minted).isInstanceOf(TokenResult.Issued.class);
        assertThat(((TokenResult.Issued) minted).source()).isEqualTo(GrantSource.MINTED_FROM_COMPANY);
        assertThat(((TokenResult.Issued) minted).companyId()).isEqualTo(company.key().companyId());
        assertThat(((TokenResult.Issued) minted).locationId()).contains(location);
    }

    @Test
    void aLocationNoAgencyOwnsCostsNoHighLevelCallWhateverTheNumberOfAgencies() {
        for (int i = 0; i < 120; i++) {
            Installation agency = installations.add(aCompanyInstallation().ofApp(app).build());
            grants.add(aCompanyGrant().forInstallation(agency.id()).build());
        }
        TokenService service = service(Duration.ZERO, 100, new HeldElsewhere(() -> { }));

        assertThat(service.accessTokenForLocation(Optional.empty(), TestIds.locationId()))
            .isEqualTo(new TokenResult.NotInstalled());
        assertThat(gateway.mintsAsked()).isEmpty();
    }

    @Test
    void aLocationOfTheHundredTwentiethAgencyIsMintedWithOneCallToThatAgencyOnly() {
        List<Installation> agencies = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            agencies.add(installations.add(aCompanyInstallation().ofApp(app).build()));
            grants.add(aCompanyGrant().forInstallation(agencies.get(i).id()).build());
        }
        Installation last = agencies.get(119);
        LocationId location = TestIds.locationId();
        owners.learn(app, last.key().companyId(), List.of(location));
        gateway.onMint(() -> new TokenExchangeOutcome.Issued(IssuedTokens.withoutRefreshToken(
            AccessToken.of("minted-" + TestIds.randomText(20)), clock.instant().plus(Duration.ofHours(24)),
            Scopes.parse("contacts.readonly"), clock.instant()), new GrantedTo(UserType.LOCATION,
            last.key().companyId(), Optional.of(location), CompanyInstallDetails.none(), Optional.empty())));

        TokenResult minted = service(Duration.ZERO, 100, new HeldElsewhere(() -> { }))
            .accessTokenForLocation(Optional.empty(), location);

        assertThat(minted).isInstanceOf(TokenResult.Issued.class);
        assertThat(((TokenResult.Issued) minted).companyId()).isEqualTo(last.key().companyId());
        assertThat(gateway.mintsAsked()).containsExactly(last.key().companyId());
    }

    @Test
    void aLocationMintedWithoutAConfiguredScopeIsAnnouncedAsMissingScopes() {
        Installation agency = installations.add(aCompanyInstallation().ofApp(app).build());
        grants.add(aCompanyGrant().forInstallation(agency.id()).build());
        LocationId location = TestIds.locationId();
        owners.learn(app, agency.key().companyId(), List.of(location));
        gateway.onMint(() -> new TokenExchangeOutcome.Issued(IssuedTokens.withoutRefreshToken(
            AccessToken.of("minted-" + TestIds.randomText(20)), clock.instant().plus(Duration.ofHours(24)),
            Scopes.parse("contacts.readonly"), clock.instant()), new GrantedTo(UserType.LOCATION,
            agency.key().companyId(), Optional.of(location), CompanyInstallDetails.none(), Optional.empty())));

        TokenService service = service(Duration.ZERO, 100, new HeldElsewhere(() -> { }),
            Scopes.parse("oauth.write contacts.readonly contacts.write"));
        assertThat(service.accessTokenForLocation(Optional.empty(), location)).isInstanceOf(TokenResult.Issued.class);
        assertThat(events.published()).extracting(e -> e.type()).containsExactly(InstallationEventType.INSTALLED,
            InstallationEventType.ACTIVATED, InstallationEventType.SCOPES_MISSING);

    }

    @Test
    void aPendingLocationIsMintedFromTheAgencyItsInstallationNames() {
        Installation agency = installations.add(aCompanyInstallation().ofApp(app).build());
        grants.add(aCompanyGrant().forInstallation(agency.id()).build());
        Installation pending = installations.add(aLocationInstallation().ofApp(app)
            .ofCompany(agency.key().companyId()).withStatus(InstallationStatus.PENDING)
            .withReason(StateReason.AWAITING_GRANT).build());
        gateway.onMint(() -> new TokenExchangeOutcome.Issued(IssuedTokens.withoutRefreshToken(
            AccessToken.of("minted-" + TestIds.randomText(20)), clock.instant().plus(Duration.ofHours(24)),
            Scopes.parse("contacts.readonly"), clock.instant()), new GrantedTo(UserType.LOCATION,
            agency.key().companyId(), Optional.of(locationOf(pending)), CompanyInstallDetails.none(),
            Optional.empty())));

        assertThat(service(Duration.ZERO, 100, new HeldElsewhere(() -> { }))
            .accessTokenForLocation(Optional.empty(), locationOf(pending))).isInstanceOf(TokenResult.Issued.class);
        assertThat(gateway.mintsAsked()).containsExactly(agency.key().companyId());
    }

    @Test
    void anUninstalledLocationIsNeverMintedOnDemand() {
        Installation company = installations.add(aCompanyInstallation().ofApp(app).build());
        grants.add(aCompanyGrant().forInstallation(company.id()).build());
        Installation uninstalled = installations.add(aLocationInstallation().ofApp(app)
            .ofCompany(company.key().companyId()).withStatus(InstallationStatus.UNINSTALLED).build());

        // The gateway has no mint scripted: a mint attempt would fail the test.
        assertThat(service(Duration.ZERO, 100, new HeldElsewhere(() -> { }))
            .accessTokenForLocation(Optional.empty(), locationOf(uninstalled))).isEqualTo(new TokenResult.NotInstalled());
    }
    private static Caller scopedTo(Set<CompanyId> companies, Set<LocationId> locations) {
        return new Caller("scoped", Set.of(Permission.TOKENS_READ, Permission.COMPANY_TOKENS_READ),
            new AccessScope(Set.of(), companies, locations));
    }

    @Test
    void aKeyScopedToACompanyReadsItsLocationsAndNoOtherCompanysEvenFromTheCache() {
        Installation ours = storeActiveLocation();
        Installation theirs = storeActiveLocation();
        TokenService service = service(Duration.ofSeconds(30));
        Caller scoped = scopedTo(Set.of(ours.key().companyId()), Set.of());

        assertThat(service.accessTokenForLocation(scoped, Optional.empty(), locationOf(ours)))
            .isInstanceOf(TokenResult.Issued.class);
        assertThat(service.accessTokenForLocation(scoped, Optional.empty(), locationOf(theirs)))
            .isEqualTo(new TokenResult.NotInstalled());
        assertThat(service.accessTokenForLocation(Optional.empty(), locationOf(theirs)))
            .as("an unscoped read caches their token").isInstanceOf(TokenResult.Issued.class);
        assertThat(service.accessTokenForLocation(scoped, Optional.empty(), locationOf(theirs)))
            .as("the cached token stays out of scope").isEqualTo(new TokenResult.NotInstalled());
    }

    @Test
    void outOfScopeLooksExactlyLikeNotInstalledWhateverTheState() {
        Installation lost = installations.add(aLocationInstallation().ofApp(app)
            .withStatus(InstallationStatus.NEEDS_REAUTH).withReason(StateReason.REFRESH_HOLDER_LOST).build());
        Caller elsewhere = scopedTo(Set.of(TestIds.companyId()), Set.of());

        assertThat(service(Duration.ZERO).accessTokenForLocation(elsewhere, Optional.empty(), locationOf(lost)))
            .isEqualTo(new TokenResult.NotInstalled());
        assertThat(service(Duration.ZERO).accessTokenForLocation(Optional.empty(), locationOf(lost)))
            .isInstanceOf(TokenResult.NeedsReauthorization.class);
    }

    @Test
    void aKeyScopedToALocationReadsThatLocationButNoAgencyToken() {
        Installation location = storeActiveLocation();
        Installation company = installations.add(aCompanyInstallation().ofApp(app)
            .ofCompany(location.key().companyId()).withStatus(InstallationStatus.ACTIVE).build());
        grants.add(aCompanyGrant().forInstallation(company.id()).build());
        TokenService service = service(Duration.ZERO);
        Caller scoped = scopedTo(Set.of(), Set.of(locationOf(location)));

        assertThat(service.accessTokenForLocation(scoped, Optional.empty(), locationOf(location)))
            .isInstanceOf(TokenResult.Issued.class);
        assertThat(service.accessTokenForCompany(scoped, Optional.empty(), company.key().companyId()))
            .isEqualTo(new TokenResult.NotInstalled());
        assertThat(service.accessTokenForCompany(Caller.IN_PROCESS, Optional.empty(), company.key().companyId()))
            .isInstanceOf(TokenResult.Issued.class);
    }

    @Test
    void aKeyScopedToAnotherAppReadsNothingOfThisOne() {
        Installation installation = storeActiveLocation();
        Caller otherApp = new Caller("other-app", Set.of(Permission.TOKENS_READ),
            new AccessScope(Set.of(MarketplaceAppId.of("anotherapp0000000000000")), Set.of(), Set.of()));

        assertThat(service(Duration.ZERO).accessTokenForLocation(otherApp, Optional.empty(), locationOf(installation)))
            .isEqualTo(new TokenResult.NotInstalled());
    }

    @Test
    void onDemandMintingForAScopedKeyNeverCallsHighLevelForAnotherTenantsAgency() {
        Installation theirAgency = installations.add(aCompanyInstallation().ofApp(app).build());
        grants.add(aCompanyGrant().forInstallation(theirAgency.id()).build());
        LocationId location = TestIds.locationId();
        owners.learn(app, theirAgency.key().companyId(), List.of(location));
        TokenService service = service(Duration.ZERO, 100, new HeldElsewhere(() -> { }));
        Caller scoped = scopedTo(Set.of(TestIds.companyId()), Set.of());

        // The gateway has no mint scripted: a mint attempt would fail the test.
        assertThat(service.accessTokenForLocation(scoped, Optional.empty(), location))
            .isEqualTo(new TokenResult.NotInstalled());

        gateway.onMint(() -> new TokenExchangeOutcome.Issued(IssuedTokens.withoutRefreshToken(
            AccessToken.of("minted-" + TestIds.randomText(20)), clock.instant().plus(Duration.ofHours(24)),
            Scopes.parse("contacts.readonly"), clock.instant()), new GrantedTo(UserType.LOCATION,
            theirAgency.key().companyId(), Optional.of(location), CompanyInstallDetails.none(), Optional.empty())));
        assertThat(service.accessTokenForLocation(Optional.empty(), location))
            .as("the scoped miss did not mark the location as not mintable for everyone")
            .isInstanceOf(TokenResult.Issued.class);
    }

    @Test
    void everyTokenHandedOutIsCountedUnderTheKeysNameAndOnlyThose() {
        Installation installation = storeActiveLocation();
        TokenService service = service(Duration.ofSeconds(30));
        Caller billing = new Caller("billing", Set.of(Permission.TOKENS_READ), AccessScope.unrestricted());

        service.accessTokenForLocation(billing, Optional.empty(), locationOf(installation));
        service.accessTokenForLocation(billing, Optional.empty(), locationOf(installation));
        service.accessTokenForLocation(billing, Optional.empty(), TestIds.locationId());
        assertThat(audit.readsBy("billing")).as("nothing is written before a flush").isZero();

        auditService.flush();

        assertThat(audit.readsBy("billing")).as("two tokens handed out, cached or not; the miss is not counted")
            .isEqualTo(2);
    }

    @Test
    void countsSurviveAFailedFlushAndReadsDuringItAreNotLost() {
        Installation installation = storeActiveLocation();
        TokenService service = service(Duration.ZERO);
        Caller billing = new Caller("billing", Set.of(Permission.TOKENS_READ), AccessScope.unrestricted());
        service.accessTokenForLocation(billing, Optional.empty(), locationOf(installation));
        audit.failWrites(true);

        org.assertj.core.api.Assertions.assertThatThrownBy(auditService::flush).isInstanceOf(IllegalStateException.class);
        service.accessTokenForLocation(billing, Optional.empty(), locationOf(installation));
        audit.failWrites(false);
        auditService.flush();

        assertThat(audit.readsBy("billing")).isEqualTo(2);
    }
}
