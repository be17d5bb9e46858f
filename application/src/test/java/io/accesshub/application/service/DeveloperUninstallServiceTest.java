package io.accesshub.application.service;

import io.accesshub.application.port.out.TransactionRunner;
import static io.accesshub.application.testdata.GrantMother.aCompanyGrant;
import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.GrantMother.aMintedLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.fakes.InMemoryUninstallRequests;
import io.accesshub.application.fakes.ScriptedUninstaller;
import io.accesshub.application.port.in.UninstallResult;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.application.port.out.UninstallOutcome;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.uninstall.UninstallFailure;
import io.accesshub.domain.uninstall.UninstallReason;
import io.accesshub.domain.uninstall.UninstallRequest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeveloperUninstallServiceTest {

    private static final MarketplaceAppId APP = TestIds.appId();
    private static final CompanyId COMPANY = TestIds.companyId();
    private static final UninstallReason REASON = new UninstallReason("moving to v2");
    private static final String LOCATION_SCOPES = "oauth.write contacts.readonly";

    private final RefreshEngineFixture engine = new RefreshEngineFixture(APP);
    private final InMemoryUninstallRequests requests = new InMemoryUninstallRequests();
    private final ScriptedUninstaller highLevel = new ScriptedUninstaller();
    /** The service's transactions: the engine's, failing as many times as {@link #databaseFailures} says first. */
    private int databaseFailures;
    private final TransactionRunner transactions = new TransactionRunner() {
        @Override
        public <T> T inTransaction(java.util.function.Supplier<T> work) {
            if (databaseFailures > 0) {
                databaseFailures--;
                throw new IllegalStateException("database down");
            }
            return engine.transactions.inTransaction(work);
        }
    };

    private DeveloperUninstallService service(DeveloperUninstallService.LocationCredential credential) {
        InstallationTransitions transitions = new InstallationTransitions(engine.installations, engine.grants,
            engine.events, engine.transactions);
        CompanyCascadeRunner cascade = new CompanyCascadeRunner(engine.installations, engine.grants, transitions,
            engine.transactions, engine.clock);
        return new DeveloperUninstallService(engine.installations, engine.grants, requests, highLevel,
            engine.refresher(), cascade, transitions, transactions, engine.clock, "test", credential,
            engine.keeper);
    }

    private DeveloperUninstallService service() {
        return service(DeveloperUninstallService.LocationCredential.LOCATION);
    }

    private Installation agency() {
        Installation agency = engine.installations.add(aCompanyInstallation().ofApp(APP).ofCompany(COMPANY).build());
        engine.grants.add(aCompanyGrant().forInstallation(agency.id()).build());
        return agency;
    }

    private Installation mintedLocation() {
        Installation location = engine.installations.add(aLocationInstallation().ofApp(APP).ofCompany(COMPANY)
            .withReason(StateReason.GRANT_MINTED).build());
        engine.grants.add(aMintedLocationGrant().forInstallation(location.id()).build());
        return location;
    }

    private Installation directLocation() {
        Installation location = engine.installations.add(aLocationInstallation().ofApp(APP).ofCompany(COMPANY).build());
        engine.grants.add(aLocationGrant().withScopes(LOCATION_SCOPES).forInstallation(location.id()).build());
        return location;
    }

    private Installation stored(InstallationId id) {
        return engine.installations.findById(id).orElseThrow();
    }

    @Test
    void anAgencyIsRemovedAtHighLevelWithItsOwnTokenThenErasedWithItsMintedLocations() {
        Installation agency = agency();
        Grant agencyGrant = engine.grants.findByInstallationId(agency.id()).orElseThrow();
        Installation minted = mintedLocation();
        Installation direct = directLocation();

        UninstallResult result = service().uninstall(agency.id(), REASON);

        assertThat(result).isEqualTo(UninstallResult.UNINSTALLED);
        assertThat(highLevel.calls()).singleElement().isEqualTo(new ScriptedUninstaller.Call(agency.key(),
            agencyGrant.accessToken(), UserType.COMPANY, REASON));
        assertThat(stored(agency.id()).status()).isEqualTo(InstallationStatus.UNINSTALLED);
        assertThat(stored(agency.id()).reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(engine.grants.findByInstallationId(agency.id())).isEmpty();
        assertThat(stored(minted.id()).reason()).isEqualTo(StateReason.UNINSTALLED_WITH_COMPANY);
        assertThat(engine.grants.findByInstallationId(minted.id())).isEmpty();
        assertThat(stored(direct.id()).reason()).as("HighLevel removes the app from every location of the agency")
            .isEqualTo(StateReason.UNINSTALLED_WITH_COMPANY);
        assertThat(engine.grants.findByInstallationId(direct.id())).as("a direct grant is erased too").isEmpty();
        assertThat(engine.events.published()).filteredOn(e -> e.type() == InstallationEventType.UNINSTALLED)
            .extracting(InstallationEvent::installationId, InstallationEvent::reason)
            .containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(agency.id(), StateReason.UNINSTALLED_BY_DEVELOPER),
                org.assertj.core.groups.Tuple.tuple(minted.id(), StateReason.UNINSTALLED_WITH_COMPANY),
                org.assertj.core.groups.Tuple.tuple(direct.id(), StateReason.UNINSTALLED_WITH_COMPANY));
        assertThat(requests.find(agency.id())).as("nothing left to retry").isEmpty();
    }

    @Test
    void aRemovalHighLevelConfirmedWhileOurDatabaseFailsIsKeptAndRecordedWithoutAskingAgain() {
        Installation agency = agency();
        databaseFailures = 1;

        UninstallResult result = service().uninstall(agency.id(), REASON);

        assertThat(result).isEqualTo(UninstallResult.QUEUED);
        assertThat(stored(agency.id()).status()).isEqualTo(InstallationStatus.ACTIVE);
        assertThat(engine.keeper.isKeeping(agency.id())).as("HighLevel's answer is held").isTrue();

        engine.runKeptWrites();

        assertThat(stored(agency.id()).reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(engine.grants.findByInstallationId(agency.id())).isEmpty();
        assertThat(requests.find(agency.id())).as("nothing left to retry").isEmpty();
        assertThat(highLevel.calls()).as("HighLevel asked once").hasSize(1);
        assertThat(engine.events.published()).filteredOn(e -> e.type() == InstallationEventType.NEEDS_REAUTH)
            .isEmpty();
    }

    @Test
    void repeatingTheUninstallAnswersUninstalledWithoutAskingHighLevelAgain() {
        Installation agency = agency();
        service().uninstall(agency.id(), REASON);
        int events = engine.events.published().size();

        UninstallResult again = service().uninstall(agency.id(), REASON);

        assertThat(again).isEqualTo(UninstallResult.UNINSTALLED);
        assertThat(highLevel.calls()).hasSize(1);
        assertThat(engine.events.published()).hasSize(events);
    }

    @Test
    void anUnknownInstallationIsNotFoundAndNothingIsKept() {
        InstallationId unknown = TestIds.installationId();

        assertThat(service().uninstall(unknown, REASON)).isEqualTo(UninstallResult.NOT_FOUND);
        assertThat(highLevel.calls()).isEmpty();
        assertThat(requests.find(unknown)).isEmpty();
    }

    @Test
    void whenHighLevelIsUnavailableTheRequestIsQueuedAndCompletedByTheRetryOnceDue() {
        Installation agency = agency();
        highLevel.answer(new UninstallOutcome.Unavailable(Optional.empty(), "HighLevel answered 503"));

        UninstallResult result = service().uninstall(agency.id(), REASON);

        assertThat(result).isEqualTo(UninstallResult.QUEUED);
        assertThat(requests.find(agency.id())).contains(new UninstallRequest(agency.id(), REASON, TestTimes.NOW, 1,
            TestTimes.NOW.plusSeconds(30), Optional.of(UninstallFailure.MARKETPLACE_UNAVAILABLE)).sending());
        assertThat(stored(agency.id()).status()).isEqualTo(InstallationStatus.ACTIVE);
        assertThat(engine.grants.findByInstallationId(agency.id())).as("tokens kept until HighLevel confirms")
            .isPresent();
        assertThat(service().retryNext()).as("not due yet").isFalse();
        assertThat(service().uninstall(agency.id(), REASON)).as("a repeat before it is due does not call")
            .isEqualTo(UninstallResult.QUEUED);
        assertThat(highLevel.calls()).hasSize(1);

        engine.clock.advance(Duration.ofSeconds(30));

        assertThat(service().retryNext()).isTrue();
        assertThat(highLevel.calls()).hasSize(2);
        assertThat(stored(agency.id()).reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(requests.find(agency.id())).isEmpty();
        assertThat(service().retryNext()).isFalse();
    }

    @Test
    void highLevelSayingTheAppIsNotInstalledCompletesTheUninstall() {
        Installation location = directLocation();
        highLevel.answer(new UninstallOutcome.NotInstalled());

        assertThat(service().uninstall(location.id(), UninstallReason.DEFAULT)).isEqualTo(UninstallResult.UNINSTALLED);
        assertThat(stored(location.id()).reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(engine.grants.findByInstallationId(location.id())).isEmpty();
    }

    @Test
    void aRetryAfterALostAnswerFindsTheTokenRevokedAndCompletes() {
        // HighLevel removed the app on the first call but its answer never arrived: the request stayed queued and
        // HighLevel has since revoked the tokens, so the repeated call is refused and the token cannot be renewed.
        Installation agency = agency();
        highLevel.answer(new UninstallOutcome.Unavailable(Optional.empty(), "connection closed without an answer"),
            new UninstallOutcome.TokenRejected());
        engine.gateway.onRefresh(() -> new TokenExchangeOutcome.InvalidGrant("Invalid grant: refresh token is invalid"));
        service().uninstall(agency.id(), REASON);
        engine.clock.advance(Duration.ofSeconds(30));

        assertThat(service().retryNext()).isTrue();

        assertThat(highLevel.calls()).hasSize(2);
        assertThat(stored(agency.id()).status()).isEqualTo(InstallationStatus.UNINSTALLED);
        assertThat(stored(agency.id()).reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(engine.grants.findByInstallationId(agency.id())).isEmpty();
        assertThat(requests.find(agency.id())).isEmpty();
        assertThat(engine.gateway.presentedRefreshTokens()).as("the rejected token is not renewed").isEmpty();
        assertThat(engine.events.published()).as("no false loss of consent")
            .noneMatch(e -> e.type() == InstallationEventType.NEEDS_REAUTH);
    }

    @Test
    void anAttemptThatBreaksDownInsideTheHubIsRescheduledAsInternalAndTheNextRequestStillRuns() {
        Installation first = directLocation();
        Installation second = directLocation();
        highLevel.answer(new UninstallOutcome.Unavailable(Optional.empty(), "HighLevel answered 503"),
            new UninstallOutcome.Unavailable(Optional.empty(), "HighLevel answered 503"));
        service().uninstall(first.id(), REASON);
        engine.clock.advance(Duration.ofSeconds(1));
        service().uninstall(second.id(), REASON);
        engine.clock.advance(Duration.ofSeconds(60));
        highLevel.answerWith(() -> {
            throw new IllegalStateException("database unavailable");
        });

        assertThat(service().retryNext()).isTrue();

        UninstallRequest broken = requests.find(first.id()).orElseThrow();
        assertThat(broken.lastFailure()).contains(UninstallFailure.INTERNAL);
        assertThat(broken.attempts()).isEqualTo(2);
        assertThat(broken.nextAttemptAt()).isEqualTo(engine.clock.instant().plusSeconds(60));
        assertThat(requests.isLeased(first.id(), engine.clock.instant())).as("released").isFalse();
        assertThat(service().retryNext()).as("the next request runs").isTrue();
        assertThat(stored(second.id()).reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
    }

    @Test
    void anUnexplainedRefusalIsKeptAndShownAsRefused() {
        Installation location = directLocation();
        highLevel.answer(new UninstallOutcome.Refused(403, "The token is not authorized for this scope."));

        assertThat(service().uninstall(location.id(), REASON)).isEqualTo(UninstallResult.QUEUED);
        assertThat(requests.find(location.id()).orElseThrow().lastFailure()).contains(UninstallFailure.REFUSED);
        assertThat(engine.grants.findByInstallationId(location.id())).isPresent();
    }

    @Test
    void anUninstallWebhookArrivingMeanwhileCompletesTheQueuedRequestWithoutACall() {
        Installation location = directLocation();
        highLevel.answer(new UninstallOutcome.Unavailable(Optional.of(Duration.ofSeconds(5)), "HighLevel answered 429"));
        service().uninstall(location.id(), REASON);
        engine.installations.update(stored(location.id()).uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE,
            TestTimes.NOW.plusSeconds(1), TestTimes.NOW.plusSeconds(1)));
        engine.clock.advance(Duration.ofSeconds(30));

        assertThat(service().retryNext()).isTrue();

        assertThat(highLevel.calls()).hasSize(1);
        assertThat(requests.find(location.id())).isEmpty();
        assertThat(stored(location.id()).reason()).as("removed after the request, so by the developer")
            .isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(engine.events.published()).as("a relabel is no second removal")
            .noneMatch(e -> e.type() == InstallationEventType.UNINSTALLED);
    }

    @Test
    void theUninstallWebhookWinningTheRaceWithHighLevelsAnswerIsRelabelledAsTheDevelopers() {
        Installation location = directLocation();
        // HighLevel removes the app, sends UNINSTALL (processed at once, erasing the grant) and only then answers
        highLevel.answerWith(() -> {
            new InstallationTransitions(engine.installations, engine.grants, engine.events, engine.transactions)
                .apply(location.id(), current -> current.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE,
                    TestTimes.NOW, TestTimes.NOW));
            return new UninstallOutcome.Removed();
        });

        assertThat(service().uninstall(location.id(), REASON)).isEqualTo(UninstallResult.UNINSTALLED);

        assertThat(stored(location.id()).status()).isEqualTo(InstallationStatus.UNINSTALLED);
        assertThat(stored(location.id()).reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(engine.grants.findByInstallationId(location.id())).isEmpty();
        assertThat(engine.events.published()).as("the webhook's removal only, no second one")
            .filteredOn(e -> e.type() == InstallationEventType.UNINSTALLED).hasSize(1);
    }

    @Test
    void aQueuedRequestIsDroppedWithoutACallWhenTheAppWasInstalledAgainSince() {
        Installation location = directLocation();
        highLevel.answer(new UninstallOutcome.Unavailable(Optional.empty(), "HighLevel answered 503"));
        service().uninstall(location.id(), REASON);
        // removed in the marketplace, then installed again, both after the request
        engine.clock.advance(Duration.ofSeconds(10));
        Installation reinstalled = stored(location.id())
            .uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, engine.clock.instant(), engine.clock.instant())
            .reinstall(stored(location.id()).companyDetails(), engine.clock.instant().plusSeconds(1),
                engine.clock.instant().plusSeconds(1));
        engine.installations.update(reinstalled);
        engine.clock.advance(Duration.ofSeconds(30));

        assertThat(service().retryNext()).isTrue();

        assertThat(highLevel.calls()).as("only the first attempt").hasSize(1);
        assertThat(requests.find(location.id())).as("dropped").isEmpty();
        assertThat(stored(location.id()).status()).isEqualTo(InstallationStatus.PENDING);
        assertThat(engine.events.published()).noneMatch(e -> e.type() == InstallationEventType.UNINSTALLED);
    }

    @Test
    void aNewRequestAfterAReinstallReplacesTheOneKeptForTheEarlierInstall() {
        Installation location = directLocation();
        highLevel.answer(new UninstallOutcome.Unavailable(Optional.empty(), "HighLevel answered 503"),
            new UninstallOutcome.Removed());
        service().uninstall(location.id(), new UninstallReason("first"));
        engine.clock.advance(Duration.ofSeconds(10));
        engine.installations.update(stored(location.id())
            .uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, engine.clock.instant(), engine.clock.instant())
            .reinstall(stored(location.id()).companyDetails(), engine.clock.instant().plusSeconds(1),
                engine.clock.instant().plusSeconds(1))
            .activate(StateReason.GRANT_ISSUED, engine.clock.instant().plusSeconds(1)));
        engine.clock.advance(Duration.ofSeconds(1));

        assertThat(service().uninstall(location.id(), REASON)).isEqualTo(UninstallResult.UNINSTALLED);

        assertThat(highLevel.calls()).hasSize(2);
        assertThat(highLevel.calls().get(1).reason()).isEqualTo(REASON);
        assertThat(stored(location.id()).reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
    }

    @Test
    void aLocationCanBeRemovedWithItsAgencysTokenWhenConfigured() {
        Installation agency = agency();
        Grant agencyGrant = engine.grants.findByInstallationId(agency.id()).orElseThrow();
        Installation location = directLocation();

        service(DeveloperUninstallService.LocationCredential.AGENCY).uninstall(location.id(), REASON);

        assertThat(highLevel.calls()).singleElement().isEqualTo(new ScriptedUninstaller.Call(location.key(),
            agencyGrant.accessToken(), UserType.COMPANY, REASON));
        assertThat(stored(location.id()).status()).isEqualTo(InstallationStatus.UNINSTALLED);
        assertThat(stored(agency.id()).status()).as("only the location is removed").isEqualTo(InstallationStatus.ACTIVE);
    }

    @Test
    void anInstallationWithoutAnyUsableCredentialStaysPendingAsNoUsableCredentialsWithoutACall() {
        Installation lost = engine.installations.add(aLocationInstallation().ofApp(APP).ofCompany(COMPANY)
            .withStatus(InstallationStatus.NEEDS_REAUTH).build());
        engine.grants.add(aLocationGrant().withScopes(LOCATION_SCOPES).forInstallation(lost.id()).build());
        Installation pending = engine.installations.add(aLocationInstallation().ofApp(APP).ofCompany(COMPANY)
            .withStatus(InstallationStatus.PENDING).build());
        engine.gateway.onRefresh(() -> new TokenExchangeOutcome.InvalidGrant("Invalid grant: refresh token is invalid"));
        engine.clock.advance(Duration.ofDays(2));

        assertThat(service().uninstall(lost.id(), REASON)).isEqualTo(UninstallResult.QUEUED);
        assertThat(service().uninstall(pending.id(), REASON)).isEqualTo(UninstallResult.QUEUED);

        assertThat(highLevel.calls()).as("no credential could authorise a call").isEmpty();
        for (Installation kept : java.util.List.of(lost, pending)) {
            assertThat(stored(kept.id()).status()).as("HighLevel was never told").isNotEqualTo(
                InstallationStatus.UNINSTALLED);
            UninstallRequest request = requests.find(kept.id()).orElseThrow();
            assertThat(request.lastFailure()).contains(UninstallFailure.NO_USABLE_CREDENTIALS);
            assertThat(request.sent()).isFalse();
        }
    }

    @Test
    void aLocationWithoutUsableCredentialsIsRemovedWithItsAgencysToken() {
        Installation agency = agency();
        Grant agencyGrant = engine.grants.findByInstallationId(agency.id()).orElseThrow();
        Installation pending = engine.installations.add(aLocationInstallation().ofApp(APP).ofCompany(COMPANY)
            .withStatus(InstallationStatus.PENDING).build());

        assertThat(service().uninstall(pending.id(), REASON)).isEqualTo(UninstallResult.UNINSTALLED);

        assertThat(highLevel.calls()).singleElement().isEqualTo(new ScriptedUninstaller.Call(pending.key(),
            agencyGrant.accessToken(), UserType.COMPANY, REASON));
        assertThat(stored(pending.id()).reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(stored(agency.id()).status()).isEqualTo(InstallationStatus.ACTIVE);
    }

    @Test
    void aRequestSentOnceIsMarkedSentBeforeTheCallAndCompletesWhenTheCredentialsAreGoneAfterwards() {
        Installation location = directLocation();
        highLevel.answer(new UninstallOutcome.Unavailable(Optional.empty(), "connection closed without an answer"));
        service().uninstall(location.id(), REASON);
        assertThat(requests.find(location.id()).orElseThrow().sent()).isTrue();
        // HighLevel removed the app and revoked its tokens: the refresh token is refused on the retry
        engine.gateway.onRefresh(() -> new TokenExchangeOutcome.InvalidGrant("Invalid grant: refresh token is invalid"));
        engine.clock.advance(Duration.ofDays(2));

        assertThat(service().retryNext()).isTrue();

        assertThat(highLevel.calls()).hasSize(1);
        assertThat(stored(location.id()).status()).isEqualTo(InstallationStatus.UNINSTALLED);
        assertThat(stored(location.id()).reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(requests.find(location.id())).isEmpty();
    }

    @Test
    void aRequestWhoseRecordingWasInterruptedIsFinishedByTheRetryWithoutASecondCall() {
        // HighLevel confirmed and the uninstall was recorded, but the instance stopped before the cascade and
        // before forgetting the request: its lease ran out and the retry finds the installation uninstalled.
        Installation agency = agency();
        Installation minted = mintedLocation();
        engine.grants.deleteByInstallationId(agency.id());
        engine.installations.update(stored(agency.id()).removeByDeveloper(TestTimes.NOW, TestTimes.NOW));
        requests.openAndClaim(UninstallRequest.requested(agency.id(), REASON, TestTimes.NOW), "crashed",
            Duration.ofMinutes(2), TestTimes.NOW);
        engine.clock.advance(Duration.ofMinutes(3));

        assertThat(service().retryNext()).isTrue();

        assertThat(highLevel.calls()).isEmpty();
        assertThat(stored(minted.id()).reason()).isEqualTo(StateReason.UNINSTALLED_WITH_COMPANY);
        assertThat(engine.grants.findByInstallationId(minted.id())).isEmpty();
        assertThat(requests.find(agency.id())).isEmpty();
    }

    @Test
    void aGrantWithoutOauthWriteIsNeitherRenewedNorSentAndTheRequestWaitsAsScopeMissing() {
        Installation location = engine.installations.add(aLocationInstallation().ofApp(APP).ofCompany(COMPANY).build());
        engine.grants.add(aLocationGrant().withScopes("contacts.readonly").forInstallation(location.id())
            .expiringIn(-5, java.time.temporal.ChronoUnit.MINUTES).build());

        assertThat(service().uninstall(location.id(), REASON)).isEqualTo(UninstallResult.QUEUED);

        assertThat(highLevel.calls()).isEmpty();
        assertThat(engine.gateway.presentedRefreshTokens()).as("not renewed for a call it cannot make").isEmpty();
        assertThat(requests.find(location.id()).orElseThrow().lastFailure()).contains(UninstallFailure.SCOPE_MISSING);
    }

    @Test
    void aRequestThatKeepsFailingForAReasonThatNeedsActionIsParkedAndNoLongerRetried() {
        Installation location = directLocation();
        for (int i = 0; i < 6; i++) {
            highLevel.answer(new UninstallOutcome.Refused(400, "unexplained"));
        }
        service().uninstall(location.id(), REASON);
        for (int attempt = 2; attempt <= 5; attempt++) {
            engine.clock.advance(Duration.ofHours(1));
            assertThat(service().retryNext()).isTrue();
        }

        UninstallRequest parked = requests.find(location.id()).orElseThrow();
        assertThat(parked.attempts()).isEqualTo(5);
        assertThat(parked.parked()).isTrue();
        engine.clock.advance(Duration.ofDays(1));
        assertThat(service().retryNext()).as("parked requests are not due").isFalse();
        assertThat(highLevel.calls()).hasSize(5);
    }
}
