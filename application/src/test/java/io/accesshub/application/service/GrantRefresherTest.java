package io.accesshub.application.service;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.application.port.out.GrantedTo;
import io.accesshub.application.port.out.RefreshLease;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.application.service.GrantRefresher.Mode;
import io.accesshub.application.service.GrantRefresher.RefreshResult;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshRecovery;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.UserType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The refresh engine on in-memory fakes with controlled time: what HighLevel answered is never dropped, silent
 * holders are waited for, nothing is sent on a short lease, and each failure class has its own consequence.
 */
class GrantRefresherTest {

    private RefreshEngineFixture engine;
    private Installation installation;
    private Grant grant;

    @BeforeEach
    void storeADueLocationGrant() {
        installation = aLocationInstallation().withStatus(InstallationStatus.ACTIVE)
            .withReason(StateReason.GRANT_ISSUED).build();
        engine = new RefreshEngineFixture(installation.key().appId());
        engine.installations.add(installation);
        grant = engine.grants.add(aLocationGrant().forInstallation(installation.id())
            .expiringIn(10, ChronoUnit.MINUTES).build());
    }

    private TokenExchangeOutcome.Issued newPair() {
        Instant now = engine.clock.instant();
        return new TokenExchangeOutcome.Issued(IssuedTokens.of(AccessToken.of("at-" + TestIds.randomText(10)),
            now.plusSeconds(86_399), RefreshToken.of("rt-" + TestIds.randomText(10)), Scopes.parse("contacts.readonly"),
            now), new GrantedTo(UserType.LOCATION, installation.key().companyId(), installation.key().locationId(),
            io.accesshub.domain.installation.CompanyInstallDetails.none(), Optional.of("user")));
    }

    private Grant stored() {
        return engine.grants.findByInstallationId(installation.id()).orElseThrow();
    }

    private InstallationStatus status() {
        return engine.installations.findById(installation.id()).orElseThrow().status();
    }

    private int presentations() {
        return engine.gateway.presentationsOf(grant.refreshToken().orElseThrow());
    }

    @Test
    void aDueGrantIsRefreshedOnceAndRescheduledBeforeItsNewExpiry() {
        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> issued);

        RefreshResult result = engine.refresher().refresh(installation.id(), Mode.PROACTIVE);

        assertThat(result).isInstanceOf(RefreshResult.Usable.class);
        assertThat(stored().refreshToken()).isEqualTo(issued.tokens().refreshToken());
        assertThat(presentations()).isEqualTo(1);
        assertThat(engine.leases.scheduledAt(installation.id())).contains(
            issued.tokens().accessTokenExpiresAt().minus(engine.settings.timing().accessTokenWindow()));
        assertThat(engine.metrics.recorded()).as("the outcome and the time the old token had left are measured")
            .startsWith("refresh " + installation.key().appId().value() + " issued")
            .anyMatch(line -> line.startsWith("lag " + installation.key().appId().value() + " "));
    }

    @Test
    void aGrantPickedButNotDueByTheRulesInForceIsMovedOffTheScheduleWithoutARequest() {
        Grant fresh = engine.grants.findByInstallationId(installation.id()).orElseThrow();
        engine.grants.update(fresh.rotate(newPair().tokens()));
        RefreshLease picked = engine.leases.acquire(installation.id(), "x", Duration.ofSeconds(1)).orElseThrow();
        engine.leases.reschedule(picked, engine.clock.instant());
        assertThat(engine.leases.due(engine.clock.instant(), Set.of(), 10)).as("scheduled too early")
            .contains(installation.id());

        RefreshResult result = engine.refresher().refresh(installation.id(), Mode.PROACTIVE);

        assertThat(result).isInstanceOf(RefreshResult.Usable.class);
        assertThat(engine.leases.due(engine.clock.instant(), Set.of(), 10)).isEmpty();
        assertThat(engine.leases.scheduledAt(installation.id())).contains(engine.settings.timing().dueAt(stored()));
    }

    @Test
    void aPairIssuedWhileOurDatabaseIsDownIsKeptAndStoredOnceItAnswers() {
        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> issued);
        engine.leases.failNextWrites(4);

        assertThatThrownBy(() -> engine.refresher().refresh(installation.id(), Mode.PROACTIVE))
            .as("the caller learns the database failed; the pair is not dropped")
            .isInstanceOf(IllegalStateException.class);
        assertThat(engine.keeper.isKeeping(installation.id())).isTrue();
        assertThat(engine.refresher().refresh(installation.id(), Mode.PROACTIVE))
            .as("while this instance keeps the answer, nobody presents the spent token")
            .isInstanceOf(RefreshResult.Unavailable.class);

        engine.runKeptWrites();

        assertThat(engine.keeper.isKeeping(installation.id())).isFalse();
        assertThat(stored().refreshToken()).isEqualTo(issued.tokens().refreshToken());
        assertThat(presentations()).isEqualTo(1);
        assertThat(engine.leases.inspect(installation.id()).orElseThrow().attemptInFlight()).isFalse();
        assertThat(engine.alerts.alerts()).contains("kept a refreshed pair of " + installation.id());
    }

    @Test
    void anAttemptRecordedJustBeforeOurDatabaseFailedIsWithdrawnOnceItAnswersAndTheGrantRefreshesAsUsual() {
        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> issued);
        // the marker is committed but its acknowledgement is lost, and the database stays away for the next write
        engine.leases.loseTheNextAttemptAcknowledgement(1);

        assertThatThrownBy(() -> engine.refresher().refresh(installation.id(), Mode.PROACTIVE))
            .isInstanceOf(IllegalStateException.class);
        assertThat(presentations()).as("nothing is sent on an attempt that may not be recorded").isZero();
        assertThat(engine.leases.inspect(installation.id()).orElseThrow().attemptInFlight()).isTrue();
        assertThat(engine.refresher().refresh(installation.id(), Mode.PROACTIVE))
            .as("this instance answers unavailable until the withdrawal is stored")
            .isInstanceOf(RefreshResult.Unavailable.class);

        engine.runKeptWrites();

        assertThat(engine.leases.inspect(installation.id()).orElseThrow().attemptInFlight()).isFalse();
        assertThat(engine.leases.inspect(installation.id()).orElseThrow().leased()).isFalse();
        engine.clock.advance(Duration.ofMinutes(5));
        assertThat(engine.refresher().refresh(installation.id(), Mode.PROACTIVE))
            .as("no holder was lost: the grant is refreshed, not marked for reauthorization")
            .isInstanceOf(RefreshResult.Usable.class);
        assertThat(stored().refreshToken()).isEqualTo(issued.tokens().refreshToken());
        assertThat(presentations()).isEqualTo(1);
        assertThat(status()).isEqualTo(InstallationStatus.ACTIVE);
    }

    @Test
    void anEarlierHoldersMarkerIsNeverWithdrawnWhenRecordingTheRetryFails() {
        RefreshLease holder = engine.leases.acquire(installation.id(), "killed", Duration.ofSeconds(60))
            .orElseThrow();
        assertThat(engine.leases.recordAttempt(holder, Duration.ZERO)).isTrue();
        engine.leases.expireLease(installation.id(), Duration.ofSeconds(61));
        // the next holder retries the same token inside the grace window; recording that retry fails
        engine.leases.loseTheNextAttemptAcknowledgement(0);

        assertThatThrownBy(() -> engine.refresher().refresh(installation.id(), Mode.ON_DEMAND))
            .isInstanceOf(IllegalStateException.class);
        engine.runKeptWrites();

        assertThat(presentations()).isZero();
        assertThat(engine.keeper.isKeeping(installation.id())).isFalse();
        assertThat(engine.leases.inspect(installation.id()).orElseThrow().attemptInFlight())
            .as("the killed holder's marker is evidence that its token may have been presented").isTrue();
    }

    @Test
    void aLostAnswerRevivesAGrantMarkedLostMeanwhile() {
        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> {
            // while the answer travels, another instance gave up on the grant
            Installation current = engine.installations.findById(installation.id()).orElseThrow();
            engine.installations.update(current.markNeedsReauth(StateReason.REFRESH_HOLDER_LOST,
                engine.clock.instant()));
            return issued;
        });

        engine.refresher().refresh(installation.id(), Mode.PROACTIVE);

        assertThat(status()).isEqualTo(InstallationStatus.ACTIVE);
        assertThat(stored().refreshToken()).isEqualTo(issued.tokens().refreshToken());
    }

    @Test
    void anAttemptInFlightIsLeftToItsHolderWhileItMayBeAliveThenRecoveredInsideTheGraceWindow() {
        RefreshLease holder = engine.leases.acquire(installation.id(), "other-instance", Duration.ofSeconds(60))
            .orElseThrow();
        assertThat(engine.leases.recordAttempt(holder, Duration.ZERO)).isTrue();
        engine.leases.expireLease(installation.id(), Duration.ofSeconds(5));
        engine.databaseReachableFor = Duration.ofSeconds(2);

        RefreshResult waiting = engine.refresher().refresh(installation.id(), Mode.PROACTIVE);

        assertThat(waiting).isInstanceOf(RefreshResult.Unavailable.class);
        assertThat(((RefreshResult.Unavailable) waiting).retryAfter()).contains(Duration.ofSeconds(58));
        assertThat(presentations()).as("no second presentation while the holder may store its pair").isZero();

        engine.databaseReachableFor = Duration.ofHours(1);
        engine.leases.expireLease(installation.id(), Duration.ofSeconds(61));
        TokenExchangeOutcome.Issued sameNewPair = newPair();
        engine.gateway.onRefresh(() -> sameNewPair);

        RefreshResult recovered = engine.refresher().refresh(installation.id(), Mode.PROACTIVE);

        assertThat(recovered).isInstanceOf(RefreshResult.Usable.class);
        assertThat(presentations()).as("one grace-window retry of the same token").isEqualTo(1);
        assertThat(stored().refreshToken()).isEqualTo(sameNewPair.tokens().refreshToken());
        assertThat(status()).isEqualTo(InstallationStatus.ACTIVE);
    }

    @Test
    void aHolderGoneWithoutAnAnswerEndsInNeedsReauthWithItsReasonWhenNoPathRemains() {
        RefreshLease holder = engine.leases.acquire(installation.id(), "killed", Duration.ofSeconds(60))
            .orElseThrow();
        assertThat(engine.leases.recordAttempt(holder, Duration.ZERO)).isTrue();
        engine.clock.advance(Duration.ofMinutes(5));
        engine.leases.expireLease(installation.id(), Duration.ofMinutes(4));

        RefreshResult result = engine.refresher().refresh(installation.id(), Mode.ON_DEMAND);

        assertThat(result).isEqualTo(new RefreshResult.NeedsReauth(StateReason.REFRESH_HOLDER_LOST));
        assertThat(status()).isEqualTo(InstallationStatus.NEEDS_REAUTH);
        assertThat(presentations()).as("outside the grace window a retry cannot help").isZero();
        assertThat(engine.leases.due(Instant.parse("2999-01-01T00:00:00Z"), Set.of(), 10)).isEmpty();
        assertThat(engine.events.published()).anySatisfy(event ->
            assertThat(event.reason()).isEqualTo(StateReason.REFRESH_HOLDER_LOST));
    }

    @Test
    void theGraceRetryIsNotSentOnALeaseAnotherInstanceTookWhileTheFirstAnswerTravelled() {
        // a 26 s lease, 25 s needed per send, a 29 s grace window: a 27 s first send leaves time for a retry
        // at HighLevel, but not on our lease
        engine.settings = new RefreshSettings(engine.settings.timing(), new RefreshRecovery(Duration.ofSeconds(29)),
            engine.settings.backoff(), engine.settings.liveness(), engine.settings.budget(), Duration.ofSeconds(26),
            engine.settings.waitForOtherHolder(), engine.settings.pollInterval());
        engine.gateway.onRefresh(() -> {
            engine.clock.advance(Duration.ofSeconds(27));
            engine.leases.acquire(installation.id(), "other-instance", Duration.ofSeconds(26)).orElseThrow();
            return new TokenExchangeOutcome.Uncertain("read timeout");
        });

        RefreshResult result = engine.refresher().refresh(installation.id(), Mode.PROACTIVE);

        assertThat(result).isInstanceOf(RefreshResult.Unavailable.class);
        assertThat(presentations()).as("no retry on a lease another instance holds").isEqualTo(1);
        assertThat(status()).as("and no decision either").isEqualTo(InstallationStatus.ACTIVE);
        assertThat(engine.leases.inspect(installation.id()).orElseThrow().attemptInFlight())
            .as("the outcome of the first send stays uncertain").isTrue();
    }

    @Test
    void theGraceRetryRenewsALeaseTooShortForItWhenNobodyTookIt() {
        engine.settings = new RefreshSettings(engine.settings.timing(), new RefreshRecovery(Duration.ofSeconds(29)),
            engine.settings.backoff(), engine.settings.liveness(), engine.settings.budget(), Duration.ofSeconds(26),
            engine.settings.waitForOtherHolder(), engine.settings.pollInterval());
        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> {
            engine.clock.advance(Duration.ofSeconds(27));
            return new TokenExchangeOutcome.Uncertain("read timeout");
        }).onRefresh(() -> issued);

        RefreshResult result = engine.refresher().refresh(installation.id(), Mode.PROACTIVE);

        assertThat(result).isInstanceOf(RefreshResult.Usable.class);
        assertThat(presentations()).isEqualTo(2);
        assertThat(stored().refreshToken()).isEqualTo(issued.tokens().refreshToken());
    }

    @Test
    void refusedClientCredentialsHoldTheAppAndChangeNoGrantUntilAProbeSucceeds() {
        engine.gateway.onRefresh(() -> new TokenExchangeOutcome.InvalidClient(401, "Invalid client credentials"));

        RefreshResult result = engine.refresher().refresh(installation.id(), Mode.PROACTIVE);

        assertThat(result).isEqualTo(new RefreshResult.AppMisconfigured(installation.key().appId()));
        assertThat(status()).isEqualTo(InstallationStatus.ACTIVE);
        assertThat(stored()).isEqualTo(grant);
        assertThat(engine.credentials.isRefused(installation.key().appId())).isTrue();
        assertThat(engine.alerts.alerts()).contains("refused " + installation.key().appId().value());
        assertThat(engine.refresher().refresh(installation.id(), Mode.PROACTIVE))
            .as("no further request while the app is refused").isInstanceOf(RefreshResult.AppMisconfigured.class);
        assertThat(engine.leases.due(Instant.parse("2999-01-01T00:00:00Z"), engine.credentials.refusedApps(), 10))
            .isEmpty();

        TokenExchangeOutcome.Issued issued = newPair();
        engine.gateway.onRefresh(() -> issued);
        AppCredentialsCheckService check = new AppCredentialsCheckService(engine.apps(), engine.leases,
            engine.refresher(), engine.credentials);
        assertThat(check.recheckRefusedApps()).isZero();

        assertThat(engine.credentials.isRefused(installation.key().appId())).isFalse();
        assertThat(stored().refreshToken()).isEqualTo(issued.tokens().refreshToken());
    }

    @Test
    void aNeedsReauthGrantPickedUpIsParkedWithoutAnyRequest() {
        Installation current = engine.installations.findById(installation.id()).orElseThrow();
        engine.installations.update(current.markNeedsReauth(StateReason.COMPANY_GRANT_LOST, engine.clock.instant()));

        RefreshResult result = engine.refresher().refresh(installation.id(), Mode.PROACTIVE);

        assertThat(result).isEqualTo(new RefreshResult.NeedsReauth(StateReason.COMPANY_GRANT_LOST));
        assertThat(presentations()).isZero();
        assertThat(engine.leases.scheduledAt(installation.id())).isEmpty();
    }

    @Test
    void aSuspendedGrantIsRetriedWithGrowingCappedBackoff() {
        Duration lastWait = Duration.ZERO;
        for (int failure = 1; failure <= 8; failure++) {
            engine.gateway.onRefresh(TokenExchangeOutcome.LocationNotActive::new);
            engine.refresher().refresh(installation.id(), Mode.PROACTIVE);
            Duration wait = Duration.between(engine.clock.instant(),
                engine.leases.scheduledAt(installation.id()).orElseThrow());
            assertThat(wait).as("failure %d", failure).isGreaterThanOrEqualTo(lastWait)
                .isLessThanOrEqualTo(Duration.ofMinutes(18));
            lastWait = wait;
        }
        assertThat(status()).isEqualTo(InstallationStatus.SUSPENDED);
        assertThat(lastWait).isGreaterThanOrEqualTo(Duration.ofMinutes(15));
    }

    static Stream<Arguments> failureClasses() {
        return Stream.of(
            Arguments.of(new TokenExchangeOutcome.Transient(Optional.empty(), "503"), InstallationStatus.DEGRADED,
                StateReason.MARKETPLACE_UNAVAILABLE),
            Arguments.of(new TokenExchangeOutcome.Rejected(403, "unknown refusal"), InstallationStatus.DEGRADED,
                StateReason.REFRESH_REFUSED),
            Arguments.of(new TokenExchangeOutcome.LocationNotActive(), InstallationStatus.SUSPENDED,
                StateReason.LOCATION_NOT_ACTIVE),
            Arguments.of(new TokenExchangeOutcome.InvalidClient(401, "Invalid client credentials"),
                InstallationStatus.ACTIVE, StateReason.GRANT_ISSUED),
            Arguments.of(new TokenExchangeOutcome.InvalidGrant("Invalid grant: refresh token is invalid"),
                InstallationStatus.NEEDS_REAUTH, StateReason.REFRESH_TOKEN_REJECTED));
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @MethodSource("failureClasses")
    void eachFailureClassHasItsOwnConsequenceAndOnlyInvalidGrantLosesTheGrant(TokenExchangeOutcome answer,
                                                                           InstallationStatus expected,
                                                                           StateReason reason) {
        engine.gateway.onRefresh(() -> answer);

        engine.refresher().refresh(installation.id(), Mode.PROACTIVE);

        Installation after = engine.installations.findById(installation.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(expected);
        assertThat(after.reason()).isEqualTo(reason);
        assertThat(stored().refreshToken()).as("the tokens are kept in every case").isEqualTo(grant.refreshToken());
        assertThat(engine.leases.inspect(installation.id()).orElseThrow().attemptInFlight())
            .as("an answer came back: the attempt is settled").isFalse();
    }
}
