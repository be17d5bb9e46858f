package io.accesshub.application.service;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.fakes.InMemoryTokenReadAudit;
import io.accesshub.application.fakes.InMemoryTokenReads;
import io.accesshub.application.fakes.SequentialIdGenerator;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.RejectionReportResult;
import io.accesshub.application.port.in.TokenResult;
import io.accesshub.application.port.out.GrantedTo;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.AccessTokenDigest;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.RejectionReportLimit;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.UserType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reports of rejected tokens over the in-memory fakes and the real refresh engine: the current token is re-validated
 * once (however many report it at once), a stale report changes nothing, scope applies before anything, and
 * re-validations per installation are limited.
 */
class RejectedTokenReportServiceTest {

    private RefreshEngineFixture engine;
    private InMemoryTokenReads reads;
    private TokenCaches caches;
    private InMemoryTokenReadAudit auditStore;
    private TokenReadAuditService audit;
    private Installation installation;
    private Grant grant;
    private final List<ExecutorService> pools = new ArrayList<>();

    @BeforeEach
    void storeAGrantFarFromExpiry() {
        installation = aLocationInstallation().withStatus(InstallationStatus.ACTIVE)
            .withReason(StateReason.GRANT_ISSUED).build();
        engine = new RefreshEngineFixture(installation.key().appId());
        engine.installations.add(installation);
        grant = engine.grants.add(aLocationGrant().forInstallation(installation.id())
            .expiringIn(20, ChronoUnit.HOURS).build());
        reads = new InMemoryTokenReads(engine.installations, engine.grants);
    }

    @AfterEach
    void stopPools() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    private RejectedTokenReportService service(Duration cacheTtl, RejectionReportLimit limit) {
        LocationMinter minter = new LocationMinter(engine.installations, engine.grants, engine.gateway, engine.events,
            engine.transactions, new SequentialIdGenerator(), engine.clock, engine.keeper);
        caches = TokenCaches.create(cacheTtl, 1_000, engine.clock);
        auditStore = new InMemoryTokenReadAudit();
        audit = new TokenReadAuditService(auditStore, engine.clock, Duration.ofDays(90), true);
        TokenService tokens = new TokenService(engine.apps(), reads, engine.installations, engine.refresher(), minter,
            new io.accesshub.application.fakes.InMemoryLocationOwners(), engine.settings, engine.clock, caches, audit, HubMetrics.NOOP);
        return new RejectedTokenReportService(tokens, reads, engine.refresher(), caches, limit, engine.clock);
    }

    private RejectedTokenReportService service() {
        return service(Duration.ZERO, RejectionReportLimit.DEFAULT);
    }

    private LocationId location() {
        return installation.key().locationId().orElseThrow();
    }

    private TokenExchangeOutcome.Issued newPair() {
        Instant now = engine.clock.instant();
        return new TokenExchangeOutcome.Issued(IssuedTokens.of(AccessToken.of("at-" + TestIds.randomText(12)),
            now.plusSeconds(86_399), RefreshToken.of("rt-" + TestIds.randomText(12)), Scopes.parse("contacts.readonly"),
            now), new GrantedTo(UserType.LOCATION, installation.key().companyId(), installation.key().locationId(),
            CompanyInstallDetails.none(), Optional.of("user")));
    }

    private Grant stored() {
        return engine.grants.findByInstallationId(installation.id()).orElseThrow();
    }

    private RejectionReportResult report(RejectedTokenReportService service, AccessToken token) {
        return service.reportForLocation(Caller.IN_PROCESS, Optional.empty(), location(), AccessTokenDigest.of(token));
    }

    private static AccessToken answeredToken(RejectionReportResult result) {
        assertThat(result).isInstanceOf(RejectionReportResult.Answered.class);
        TokenResult answer = ((RejectionReportResult.Answered) result).answer();
        assertThat(answer).isInstanceOf(TokenResult.Issued.class);
        return ((TokenResult.Issued) answer).accessToken();
    }

    @Test
    void theCurrentTokenReportedRejectedIsRefreshedOnceAndTheNewTokenAnswered() {
        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> issued);

        RejectionReportResult result = report(service(), grant.accessToken());

        assertThat(answeredToken(result)).isEqualTo(issued.tokens().accessToken());
        assertThat(engine.gateway.presentationsOf(grant.refreshToken().orElseThrow())).isEqualTo(1);
        assertThat(stored().accessToken()).isEqualTo(issued.tokens().accessToken());
    }

    @Test
    void aStaleReportChangesNothingAndAnswersTheCurrentToken() {
        RejectedTokenReportService service = service();

        RejectionReportResult result = report(service, AccessToken.of("a-token-from-before"));

        assertThat(answeredToken(result)).isEqualTo(grant.accessToken());
        assertThat(engine.gateway.presentedRefreshTokens()).isEmpty();
        assertThat(stored()).isEqualTo(grant);
    }

    @Test
    void theSameReportAfterTheRefreshIsStaleAndAnswersTheNewToken() {
        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> issued);
        RejectedTokenReportService service = service();
        report(service, grant.accessToken());

        RejectionReportResult again = report(service, grant.accessToken());

        assertThat(answeredToken(again)).isEqualTo(issued.tokens().accessToken());
        assertThat(engine.gateway.presentedRefreshTokens()).hasSize(1);
    }

    @Test
    void aTokenOutsideTheCallersScopeAnswersNotInstalledAndIsNeverRefreshed() {
        Caller elsewhere = new Caller("elsewhere", Set.of(Permission.TOKENS_READ),
            new AccessScope(Set.of(), Set.of(TestIds.companyId()), Set.of()));

        RejectionReportResult result = service().reportForLocation(elsewhere, Optional.empty(), location(),
            AccessTokenDigest.of(grant.accessToken()));

        assertThat(result).isEqualTo(new RejectionReportResult.Answered(new TokenResult.NotInstalled()));
        assertThat(engine.gateway.presentedRefreshTokens()).isEmpty();
        assertThat(stored()).isEqualTo(grant);
        assertThat(engine.leases.inspect(installation.id()).orElseThrow().leased()).isFalse();
    }

    @Test
    void aReportForAGrantThatNeedsReauthorizationAnswersThatAndSendsNothing() {
        engine.installations.update(engine.installations.findById(installation.id()).orElseThrow()
            .markNeedsReauth(StateReason.REFRESH_TOKEN_REJECTED, engine.clock.instant()));

        RejectionReportResult result = report(service(), grant.accessToken());

        assertThat(result).isEqualTo(new RejectionReportResult.Answered(
            new TokenResult.NeedsReauthorization(StateReason.REFRESH_TOKEN_REJECTED)));
        assertThat(engine.gateway.presentedRefreshTokens()).isEmpty();
    }

    @Test
    void aTokenNewerThanTheOneThisInstanceCachedIsJudgedByTheStoredToken() {
        RejectedTokenReportService service = service(Duration.ofMinutes(5), RejectionReportLimit.DEFAULT);
        TokenResult cached = new TokenService(engine.apps(), reads, engine.installations, engine.refresher(),
            new LocationMinter(engine.installations, engine.grants, engine.gateway, engine.events, engine.transactions,
                new SequentialIdGenerator(), engine.clock, engine.keeper),
            new io.accesshub.application.fakes.InMemoryLocationOwners(), engine.settings, engine.clock, caches, new TokenReadAuditService(new InMemoryTokenReadAudit(),
                engine.clock, Duration.ofDays(90), true), HubMetrics.NOOP).accessTokenForLocation(Optional.empty(), location());
        assertThat(((TokenResult.Issued) cached).accessToken()).isEqualTo(grant.accessToken());
        Grant rotatedElsewhere = engine.grants.update(stored().rotate(newPair().tokens()));
        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> issued);

        RejectionReportResult result = report(service, rotatedElsewhere.accessToken());

        assertThat(answeredToken(result)).isEqualTo(issued.tokens().accessToken());
        assertThat(engine.gateway.presentedRefreshTokens())
            .containsExactly(rotatedElsewhere.refreshToken().orElseThrow().value());
    }

    @Test
    void reValidationsPerInstallationAreLimitedAndTheLimitFreesUpAsTheWindowSlides() {
        RejectedTokenReportService service = service(Duration.ZERO,
            new RejectionReportLimit(2, Duration.ofMinutes(1)));
        engine.gateway.onRefresh(this::newPair);
        engine.gateway.onRefresh(this::newPair);
        engine.gateway.onRefresh(this::newPair);
        answeredToken(report(service, stored().accessToken()));
        engine.clock.advance(Duration.ofSeconds(20));
        answeredToken(report(service, stored().accessToken()));
        engine.clock.advance(Duration.ofSeconds(10));
        Grant beforeRefused = stored();

        RejectionReportResult refused = report(service, stored().accessToken());

        assertThat(refused).isEqualTo(new RejectionReportResult.RateLimited(Duration.ofSeconds(30)));
        assertThat(stored()).isEqualTo(beforeRefused);
        assertThat(engine.gateway.presentedRefreshTokens()).hasSize(2);
        assertThat(answeredToken(report(service, AccessToken.of("stale"))))
            .as("stale reports are answered and not limited").isEqualTo(beforeRefused.accessToken());

        engine.clock.advance(Duration.ofSeconds(30));
        answeredToken(report(service, stored().accessToken()));
        assertThat(engine.gateway.presentedRefreshTokens()).hasSize(3);
    }

    @Test
    void aHundredConcurrentReportsOfTheCurrentTokenRefreshItOnceAndAllGetTheNewToken() throws Exception {
        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> issued);
        RejectedTokenReportService service = service();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        pools.add(pool);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RejectionReportResult>> reports = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            reports.add(pool.submit(() -> {
                start.await();
                return report(service, grant.accessToken());
            }));
        }

        start.countDown();
        Set<AccessToken> answered = new HashSet<>();
        for (Future<RejectionReportResult> f : reports) {
            answered.add(answeredToken(f.get()));
        }

        assertThat(engine.gateway.presentedRefreshTokens()).hasSize(1);
        assertThat(answered).containsExactly(issued.tokens().accessToken());
    }

    @Test
    void eachReportCountsTheOneTokenItHandsOutInTheTokenReadAudit() {
        Caller billing = new Caller("billing", Set.of(Permission.TOKENS_READ), AccessScope.unrestricted());
        engine.gateway.onRefresh(this::newPair);
        RejectedTokenReportService service = service(Duration.ZERO, new RejectionReportLimit(1, Duration.ofMinutes(1)));

        RejectionReportResult revalidated = service.reportForLocation(billing, Optional.empty(), location(),
            AccessTokenDigest.of(grant.accessToken()));
        audit.flush();
        assertThat(answeredToken(revalidated)).isNotEqualTo(grant.accessToken());
        assertThat(auditStore.readsBy("billing")).as("a re-validating report: one token handed out").isEqualTo(1);

        RejectionReportResult stale = service.reportForLocation(billing, Optional.empty(), location(),
            AccessTokenDigest.of(grant.accessToken()));
        audit.flush();
        assertThat(answeredToken(stale)).isEqualTo(stored().accessToken());
        assertThat(auditStore.readsBy("billing")).as("a stale report: one token handed out").isEqualTo(2);

        RejectionReportResult limited = service.reportForLocation(billing, Optional.empty(), location(),
            AccessTokenDigest.of(stored().accessToken()));
        audit.flush();
        assertThat(limited).isInstanceOf(RejectionReportResult.RateLimited.class);
        assertThat(auditStore.readsBy("billing")).as("a 429 hands out no token").isEqualTo(2);
        assertThat(engine.gateway.presentedRefreshTokens()).hasSize(1);
    }
}
