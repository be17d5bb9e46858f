package io.accesshub.domain.installation;

import static io.accesshub.domain.testing.DomainFixtures.NOW;
import static io.accesshub.domain.testing.DomainFixtures.locationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.marketplace.PlanId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan an installation is on: reported by installs, changed by PLAN_CHANGE, converging in any order. */
class InstallationPlanTest {

    private static final PlanId BASIC = PlanId.of("plan-basic");
    private static final PlanId PRO = PlanId.of("plan-pro");
    private static final Instant T1 = NOW.plusSeconds(10);
    private static final Instant T2 = NOW.plusSeconds(20);

    private final Installation active = locationInstallation(InstallationStatus.ACTIVE);

    @Test
    void aNewInstallationOnAPlanAnnouncesItWithItsInstalledEvent() {
        Installation created = Installation.create(InstallationId.of(java.util.UUID.randomUUID()),
            active.key(), CompanyInstallDetails.none(), T1, Optional.of(BASIC));

        assertThat(created.plan()).contains(BASIC);
        assertThat(created.planReportedAt()).contains(T1);
        assertThat(created.recordedEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(InstallationEventType.INSTALLED);
            assertThat(event.plan()).contains(BASIC);
        });
        assertThat(created.activate(StateReason.GRANT_ISSUED, T1).recordedEvents()).last()
            .extracting(InstallationEvent::plan).isEqualTo(Optional.of(BASIC));
    }

    @Test
    void theFirstPlanLearnedForAKnownInstallationIsAnnounced() {
        Installation reported = active.recordPlan(BASIC, T1, T1);

        assertThat(reported.plan()).contains(BASIC);
        assertThat(reported.planReportedAt()).contains(T1);
        assertThat(reported.recordedEvents()).extracting(InstallationEvent::type)
            .containsExactly(InstallationEventType.PLAN_CHANGED);
    }

    @Test
    void aPlanChangeIsStoredAndRecordedWithTheNewPlan() {
        Installation changed = active.recordPlan(BASIC, T1, T1).recordPlan(PRO, T2, T2);

        assertThat(changed.plan()).contains(PRO);
        assertThat(changed.recordedEvents()).last().satisfies(event -> {
            assertThat(event.type()).isEqualTo(InstallationEventType.PLAN_CHANGED);
            assertThat(event.plan()).contains(PRO);
            assertThat(event.occurredAt()).isEqualTo(T2);
        });
    }

    @Test
    void anOlderReportArrivingAfterAChangeIsIgnored() {
        Installation changed = active.recordPlan(PRO, T2, T2);

        Installation late = changed.recordPlan(BASIC, T1, T2.plusSeconds(1));

        assertThat(late).isSameAs(changed);
        assertThat(late.plan()).contains(PRO);
    }

    @Test
    void theSameReportTwiceChangesNothing() {
        Installation reported = active.recordPlan(PRO, T1, T1);

        assertThat(reported.recordPlan(PRO, T1, T2)).isSameAs(reported);
    }

    @Test
    void aNewerReportOfTheSamePlanMovesItsTimeWithoutAnEvent() {
        Installation again = active.recordPlan(BASIC, T1, T1).recordPlan(BASIC, T2, T2);

        assertThat(again.planReportedAt()).contains(T2);
        assertThat(again.recordedEvents()).hasSize(1);
    }

    @Test
    void aGrantStoredWithoutSomeConfiguredScopesIsRecordedAndNothingElseChanges() {
        Installation missing = active.recordScopesMissing(T1);

        assertThat(missing.recordedEvents()).extracting(InstallationEvent::type)
            .containsExactly(InstallationEventType.SCOPES_MISSING);
        assertThat(missing.status()).isEqualTo(InstallationStatus.ACTIVE);
        assertThat(missing.reason()).isEqualTo(active.reason());
    }

    @Test
    void lifecycleEventsCarryThePlanTheInstallationIsOn() {
        Installation onPro = active.recordPlan(PRO, T1, T1);

        assertThat(onPro.degrade(StateReason.MARKETPLACE_UNAVAILABLE, T2).recordedEvents())
            .last().extracting(InstallationEvent::plan).isEqualTo(Optional.of(PRO));
    }
}
