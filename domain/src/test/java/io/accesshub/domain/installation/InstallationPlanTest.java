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
    void theFirstPlanAnInstallReportsIsStoredWithoutAnEvent() {
        Installation reported = active.reportPlan(BASIC, T1, T1);

        assertThat(reported.plan()).contains(BASIC);
        assertThat(reported.planReportedAt()).contains(T1);
        assertThat(reported.recordedEvents()).isEmpty();
    }

    @Test
    void aPlanChangeIsStoredAndRecordedWithTheNewPlan() {
        Installation changed = active.reportPlan(BASIC, T1, T1).changePlan(PRO, T2, T2);

        assertThat(changed.plan()).contains(PRO);
        assertThat(changed.recordedEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(InstallationEventType.PLAN_CHANGED);
            assertThat(event.plan()).contains(PRO);
            assertThat(event.occurredAt()).isEqualTo(T2);
        });
    }

    @Test
    void aPlanChangeToAPlanNotKnownBeforeIsAnnounced() {
        assertThat(active.changePlan(PRO, T1, T1).recordedEvents()).extracting(InstallationEvent::type)
            .containsExactly(InstallationEventType.PLAN_CHANGED);
    }

    @Test
    void anInstallReportingAnotherPlanThanTheKnownOneIsAChange() {
        assertThat(active.reportPlan(BASIC, T1, T1).reportPlan(PRO, T2, T2).recordedEvents())
            .extracting(InstallationEvent::type).containsExactly(InstallationEventType.PLAN_CHANGED);
    }

    @Test
    void anOlderReportArrivingAfterAChangeIsIgnored() {
        Installation changed = active.changePlan(PRO, T2, T2);

        Installation late = changed.reportPlan(BASIC, T1, T2.plusSeconds(1));

        assertThat(late).isSameAs(changed);
        assertThat(late.plan()).contains(PRO);
    }

    @Test
    void theSameReportTwiceChangesNothing() {
        Installation reported = active.changePlan(PRO, T1, T1);

        assertThat(reported.changePlan(PRO, T1, T2)).isSameAs(reported);
    }

    @Test
    void aNewerReportOfTheSamePlanMovesItsTimeWithoutAnEvent() {
        Installation again = active.reportPlan(BASIC, T1, T1).reportPlan(BASIC, T2, T2);

        assertThat(again.planReportedAt()).contains(T2);
        assertThat(again.recordedEvents()).isEmpty();
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
        Installation onPro = active.changePlan(PRO, T1, T1);

        assertThat(onPro.degrade(StateReason.MARKETPLACE_UNAVAILABLE, T2).recordedEvents())
            .last().extracting(InstallationEvent::plan).isEqualTo(Optional.of(PRO));
    }
}
