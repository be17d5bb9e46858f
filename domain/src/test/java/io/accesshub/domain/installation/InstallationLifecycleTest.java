package io.accesshub.domain.installation;

import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Set;
import java.util.function.BiFunction;

import static io.accesshub.domain.testing.DomainFixtures.COMPANY_KEY;
import static io.accesshub.domain.testing.DomainFixtures.LOCATION;
import static io.accesshub.domain.testing.DomainFixtures.LOCATION_KEY;
import static io.accesshub.domain.testing.DomainFixtures.NOW;
import static io.accesshub.domain.testing.DomainFixtures.companyInstallation;
import static io.accesshub.domain.testing.DomainFixtures.installationId;
import static io.accesshub.domain.testing.DomainFixtures.locationInstallation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstallationLifecycleTest {

    private static final Instant LATER = NOW.plusSeconds(60);

    private static Installation act(Installation installation, String action) {
        BiFunction<Installation, Instant, Installation> step = switch (action) {
            case "activate" -> (i, t) -> i.activate(StateReason.REFRESHED, t);
            case "degrade" -> (i, t) -> i.degrade(StateReason.MARKETPLACE_UNAVAILABLE, t);
            case "suspend" -> (i, t) -> i.suspend(StateReason.LOCATION_NOT_ACTIVE, t);
            case "markNeedsReauth" -> (i, t) -> i.markNeedsReauth(StateReason.REFRESH_TOKEN_REJECTED, t);
            case "uninstall" -> (i, t) -> i.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, t, t);
            case "reinstall" -> (i, t) -> i.reinstall(CompanyInstallDetails.none(), t, t);
            default -> throw new IllegalArgumentException(action);
        };
        return step.apply(installation, LATER);
    }

    @ParameterizedTest(name = "{0} --{1}--> {2} ({3})")
    @CsvSource({
            // from,        action,          to (or ILLEGAL / SAME), event
            "PENDING,       activate,        ACTIVE,       ACTIVATED",
            "PENDING,       degrade,         ILLEGAL,      -",
            "PENDING,       suspend,         ILLEGAL,      -",
            "PENDING,       markNeedsReauth, ILLEGAL,      -",
            "PENDING,       uninstall,       UNINSTALLED,  UNINSTALLED",
            "PENDING,       reinstall,       ILLEGAL,      -",
            "ACTIVE,        activate,        SAME,         -",
            "ACTIVE,        degrade,         DEGRADED,     DEGRADED",
            "ACTIVE,        suspend,         SUSPENDED,    SUSPENDED",
            "ACTIVE,        markNeedsReauth, NEEDS_REAUTH, NEEDS_REAUTH",
            "ACTIVE,        uninstall,       UNINSTALLED,  UNINSTALLED",
            "ACTIVE,        reinstall,       ILLEGAL,      -",
            "DEGRADED,      activate,        ACTIVE,       RECOVERED",
            "DEGRADED,      degrade,         SAME,         -",
            "DEGRADED,      suspend,         SUSPENDED,    SUSPENDED",
            "DEGRADED,      markNeedsReauth, NEEDS_REAUTH, NEEDS_REAUTH",
            "DEGRADED,      uninstall,       UNINSTALLED,  UNINSTALLED",
            "DEGRADED,      reinstall,       ILLEGAL,      -",
            "SUSPENDED,     activate,        ACTIVE,       RECOVERED",
            "SUSPENDED,     degrade,         SAME,         -",
            "SUSPENDED,     suspend,         SAME,         -",
            "SUSPENDED,     markNeedsReauth, NEEDS_REAUTH, NEEDS_REAUTH",
            "SUSPENDED,     uninstall,       UNINSTALLED,  UNINSTALLED",
            "SUSPENDED,     reinstall,       ILLEGAL,      -",
            "NEEDS_REAUTH,  activate,        ACTIVE,       RECOVERED",
            "NEEDS_REAUTH,  degrade,         ILLEGAL,      -",
            "NEEDS_REAUTH,  suspend,         ILLEGAL,      -",
            "NEEDS_REAUTH,  markNeedsReauth, SAME,         -",
            "NEEDS_REAUTH,  uninstall,       UNINSTALLED,  UNINSTALLED",
            "NEEDS_REAUTH,  reinstall,       ILLEGAL,      -",
            "UNINSTALLED,   activate,        ILLEGAL,      -",
            "UNINSTALLED,   degrade,         ILLEGAL,      -",
            "UNINSTALLED,   suspend,         ILLEGAL,      -",
            "UNINSTALLED,   markNeedsReauth, ILLEGAL,      -",
            "UNINSTALLED,   reinstall,       PENDING,      REINSTALLED",
    })
    void lifecycleTransitionsAreGuarded(InstallationStatus from, String action, String to, String event) {
        Installation before = locationInstallation(from);

        if (to.equals("ILLEGAL")) {
            assertThatThrownBy(() -> act(before, action))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
            return;
        }
        Installation after = act(before, action);
        if (to.equals("SAME")) {
            assertThat(after).isSameAs(before);
            assertThat(after.recordedEvents()).isEmpty();
            return;
        }
        assertThat(after.status()).isEqualTo(InstallationStatus.valueOf(to));
        assertThat(after.reason().status()).isEqualTo(after.status());
        assertThat(after.statusChangedAt()).isEqualTo(LATER);
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.recordedEvents()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(InstallationEventType.valueOf(event));
            assertThat(e.status()).isEqualTo(after.status());
            assertThat(e.reason()).isEqualTo(after.reason());
            assertThat(e.installationId()).isEqualTo(before.id());
            assertThat(e.key()).isEqualTo(before.key());
            assertThat(e.occurredAt()).isEqualTo(LATER);
        });
    }

    @ParameterizedTest(name = "every method checks its reason explains its target: {0}")
    @EnumSource(value = StateReason.class, names = {"AWAITING_GRANT", "MARKETPLACE_UNAVAILABLE", "UNINSTALLED_WITH_COMPANY"})
    void aReasonThatDoesNotExplainTheTargetIsRefused(StateReason wrongForActive) {
        Installation degraded = locationInstallation(InstallationStatus.DEGRADED);

        assertThatThrownBy(() -> degraded.activate(wrongForActive, NOW))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_VALUE));
    }

    @Test
    void creatingAnInstallationMakesItPendingAndRecordsInstalled() {
        Installation created = Installation.create(installationId(9), LOCATION_KEY, CompanyInstallDetails.none(), NOW);

        assertThat(created.status()).isEqualTo(InstallationStatus.PENDING);
        assertThat(created.reason()).isEqualTo(StateReason.AWAITING_GRANT);
        assertThat(created.createdAt()).isEqualTo(NOW);
        assertThat(created.lastLifecycleChangeAt()).isEqualTo(NOW);
        assertThat(created.version()).isZero();
        assertThat(created.recordedEvents()).extracting(InstallationEvent::type)
                .containsExactly(InstallationEventType.INSTALLED);
    }

    @Test
    void eventsAccumulateInOrderAcrossSeveralChanges() {
        Installation created = Installation.create(installationId(9), LOCATION_KEY, CompanyInstallDetails.none(), NOW);

        Installation changed = created.activate(StateReason.GRANT_ISSUED, NOW)
                .degrade(StateReason.MARKETPLACE_UNAVAILABLE, NOW.plusSeconds(1))
                .activate(StateReason.REFRESHED, NOW.plusSeconds(2));

        assertThat(changed.recordedEvents()).extracting(InstallationEvent::type).containsExactly(
                InstallationEventType.INSTALLED, InstallationEventType.ACTIVATED, InstallationEventType.DEGRADED,
                InstallationEventType.RECOVERED);
    }

    @Test
    void aLoadedInstallationCarriesNoEvents() {
        assertThat(locationInstallation(InstallationStatus.ACTIVE).recordedEvents()).isEmpty();
    }

    @Test
    void userTypeFollowsTheKey() {
        assertThat(companyInstallation(InstallationStatus.ACTIVE).userType())
                .isEqualTo(io.accesshub.domain.marketplace.UserType.COMPANY);
        assertThat(locationInstallation(InstallationStatus.ACTIVE).userType())
                .isEqualTo(io.accesshub.domain.marketplace.UserType.LOCATION);
    }

    @Test
    void aLocationInstallationCannotCarryCompanyInstallDetails() {
        CompanyInstallDetails details = CompanyInstallDetails.of(Set.of(LOCATION), true, false, false);

        assertThatThrownBy(() -> Installation.create(installationId(3), LOCATION_KEY, details, NOW))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.WRONG_USER_TYPE));
        assertThatThrownBy(() -> locationInstallation(InstallationStatus.ACTIVE).recordCompanyDetails(details))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.WRONG_USER_TYPE));
    }

    @Test
    void aCompanyInstallationRecordsNewInstallDetailsWithoutChangingItsState() {
        Installation company = companyInstallation(InstallationStatus.ACTIVE);
        CompanyInstallDetails details = CompanyInstallDetails.of(Set.of(LOCATION), true, false, true);

        Installation updated = company.recordCompanyDetails(details);

        assertThat(updated.companyDetails()).isEqualTo(details);
        assertThat(updated.status()).isEqualTo(company.status());
        assertThat(updated.recordedEvents()).isEmpty();
        assertThat(company.recordCompanyDetails(CompanyInstallDetails.none())).isSameAs(company);
    }

    @Test
    void reinstallingTakesTheNewInstallsCompanyDetails() {
        Installation uninstalled = companyInstallation(InstallationStatus.UNINSTALLED);
        CompanyInstallDetails details = CompanyInstallDetails.of(Set.of(), true, true, true);

        Installation reinstalled = uninstalled.reinstall(details, LATER, LATER);

        assertThat(reinstalled.companyDetails()).isEqualTo(details);
        assertThat(reinstalled.reason()).isEqualTo(StateReason.REINSTALLED);
        assertThat(reinstalled.lastLifecycleChangeAt()).isEqualTo(LATER);
        assertThat(reinstalled.key()).isEqualTo(COMPANY_KEY);
    }

    @Test
    void rehydratingRefusesAReasonThatDoesNotExplainTheStatus() {
        assertThatThrownBy(() -> Installation.rehydrate(installationId(1), LOCATION_KEY, CompanyInstallDetails.none(),
                InstallationStatus.ACTIVE, StateReason.LOCATION_NOT_ACTIVE, NOW, NOW, NOW, 0L))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void installationsWithTheSameStoredStateAreEqualWhateverTheirEvents() {
        Installation created = Installation.create(installationId(9), LOCATION_KEY, CompanyInstallDetails.none(), NOW);
        Installation loaded = Installation.rehydrate(created.id(), created.key(), created.companyDetails(),
                created.status(), created.reason(), created.createdAt(), created.statusChangedAt(),
                created.lastLifecycleChangeAt(), created.version());

        assertThat(loaded).isEqualTo(created).hasSameHashCodeAs(created);
        assertThat(loaded.toString()).contains(created.id().toString()).contains("PENDING");
    }

    @Test
    void installationIdsParseOnlyTheCanonicalUuidForm() {
        InstallationId id = installationId(42);

        assertThat(InstallationId.parse(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> InstallationId.parse("not-a-uuid")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> InstallationId.parse("1-1-1-1-1")).isInstanceOf(DomainException.class);
    }

    @ParameterizedTest(name = "{0} is removed by the developer")
    @EnumSource(value = InstallationStatus.class, names = "UNINSTALLED", mode = EnumSource.Mode.EXCLUDE)
    void anInstalledInstallationRemovedByTheDeveloperIsUninstalledWithThatReason(InstallationStatus from) {
        Installation removed = companyInstallation(from).removeByDeveloper(NOW, LATER);

        assertThat(removed.status()).isEqualTo(InstallationStatus.UNINSTALLED);
        assertThat(removed.reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(removed.statusChangedAt()).isEqualTo(LATER);
        assertThat(removed.lastLifecycleChangeAt()).isEqualTo(LATER);
        assertThat(removed.recordedEvents()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(InstallationEventType.UNINSTALLED);
            assertThat(e.reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        });
    }

    @Test
    void aRemovalByTheDeveloperIsNeverStaleAndKeepsALaterLifecycleStamp() {
        Installation installed = companyInstallation(InstallationStatus.ACTIVE).confirmInstalled(LATER);

        Installation removed = installed.removeByDeveloper(NOW, NOW);

        assertThat(removed.status()).isEqualTo(InstallationStatus.UNINSTALLED);
        assertThat(removed.lastLifecycleChangeAt()).isEqualTo(LATER);
    }

    @Test
    void removingAnInstallationUninstalledBeforeTheRequestChangesNothing() {
        Installation uninstalled = locationInstallation(InstallationStatus.UNINSTALLED);

        assertThat(uninstalled.removeByDeveloper(NOW, LATER)).isSameAs(uninstalled);
    }

    @Test
    void aRemovalRecordedAfterTheRequestIsRelabelledAsTheDevelopersWithoutASecondEvent() {
        // the UNINSTALL webhook HighLevel sends right after removing the app won the race with the confirmation
        Installation byWebhook = locationInstallation(InstallationStatus.UNINSTALLED);
        assertThat(byWebhook.reason()).isNotEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        Instant requestedAt = byWebhook.lastLifecycleChangeAt().minusSeconds(5);

        Installation relabelled = byWebhook.removeByDeveloper(requestedAt, LATER);

        assertThat(relabelled.status()).isEqualTo(InstallationStatus.UNINSTALLED);
        assertThat(relabelled.reason()).isEqualTo(StateReason.UNINSTALLED_BY_DEVELOPER);
        assertThat(relabelled.statusChangedAt()).isEqualTo(byWebhook.statusChangedAt());
        assertThat(relabelled.lastLifecycleChangeAt()).isEqualTo(byWebhook.lastLifecycleChangeAt());
        assertThat(relabelled.recordedEvents()).as("listeners were told of the removal already").isEmpty();
        assertThat(relabelled.removeByDeveloper(requestedAt, LATER)).isSameAs(relabelled);
    }

    @Test
    void onlyAnInstallAfterAMomentMakesTheInstallationInstalledSinceThen() {
        Installation active = companyInstallation(InstallationStatus.ACTIVE);
        Instant before = active.lastLifecycleChangeAt().minusSeconds(1);

        assertThat(active.installedSince(before)).isTrue();
        assertThat(active.installedSince(active.lastLifecycleChangeAt())).isFalse();
        assertThat(companyInstallation(InstallationStatus.UNINSTALLED).installedSince(before)).isFalse();
        assertThat(active.degrade(degradedReason(), LATER).installedSince(active.lastLifecycleChangeAt().plusSeconds(1)))
                .as("a status change alone is no new install").isFalse();
    }

    private static StateReason degradedReason() {
        return java.util.Arrays.stream(StateReason.values()).filter(r -> r.status() == InstallationStatus.DEGRADED)
                .findFirst().orElseThrow();
    }
}
