package io.accesshub.domain.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocationOwnershipTest {

    private static final MarketplaceAppId APP = MarketplaceAppId.of("app1");
    private static final CompanyId AGENCY = CompanyId.of("agency1");
    private static final LocationId LOCATION = LocationId.of("loc1");
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final Duration INTERVAL = Duration.ofHours(1);

    private final LocationOwnership owned = LocationOwnership.owned(APP, LOCATION, AGENCY);

    @Test
    void aSingleNotInstalledListingNeverConfirmsARemoval() {
        LocationOwnership once = owned.listed(AGENCY, false, T0);

        assertThat(once.notInstalledSince()).contains(T0);
        assertThat(once.confirmsRemovalAt(T0, INTERVAL)).isFalse();
        assertThat(once.confirmsRemovalAt(T0.plus(INTERVAL).minusMillis(1), INTERVAL)).isFalse();
    }

    @Test
    void aSecondNotInstalledListingOneIntervalLaterConfirmsTheRemoval() {
        LocationOwnership twice = owned.listed(AGENCY, false, T0).listed(AGENCY, false, T0.plus(INTERVAL));

        assertThat(twice.notInstalledSince()).contains(T0);
        assertThat(twice.confirmsRemovalAt(T0.plus(INTERVAL), INTERVAL)).isTrue();
    }

    @Test
    void aListingSayingInstalledInBetweenStartsTheEvidenceOver() {
        LocationOwnership interrupted = owned.listed(AGENCY, false, T0)
            .listed(AGENCY, true, T0.plus(Duration.ofMinutes(30)))
            .listed(AGENCY, false, T0.plus(INTERVAL));

        assertThat(interrupted.notInstalledSince()).contains(T0.plus(INTERVAL));
        assertThat(interrupted.confirmsRemovalAt(T0.plus(INTERVAL), INTERVAL)).isFalse();
    }

    @Test
    void aLocationListedUnderAnotherAgencyChangesOwnerAndStartsOver() {
        CompanyId other = CompanyId.of("agency2");
        LocationOwnership moved = owned.listed(AGENCY, false, T0).listed(other, false, T0.plus(INTERVAL));

        assertThat(moved.company()).isEqualTo(other);
        assertThat(moved.notInstalledSince()).contains(T0.plus(INTERVAL));
        assertThat(moved.confirmsRemovalAt(T0.plus(INTERVAL), INTERVAL)).isFalse();
    }

    @Test
    void anOwnedLocationWithoutEvidenceIsNeverConfirmedRemoved() {
        assertThat(owned.confirmsRemovalAt(T0.plus(Duration.ofDays(400)), INTERVAL)).isFalse();
        assertThat(owned.listed(AGENCY, true, T0).notInstalledSince()).isEqualTo(Optional.empty());
    }

    @Test
    void aRemovalOnceAppliedIsNotConfirmedAgainUntilTheLocationIsListedInstalledAgain() {
        LocationOwnership applied = owned.listed(AGENCY, false, T0).withRemovalApplied();
        LocationOwnership later = applied.listed(AGENCY, false, T0.plus(INTERVAL.multipliedBy(5)));

        assertThat(later.confirmsRemovalAt(T0.plus(INTERVAL.multipliedBy(5)), INTERVAL)).isFalse();
        LocationOwnership reinstalledAndRemovedAgain = later.listed(AGENCY, true, T0.plus(INTERVAL.multipliedBy(6)))
            .listed(AGENCY, false, T0.plus(INTERVAL.multipliedBy(7)))
            .listed(AGENCY, false, T0.plus(INTERVAL.multipliedBy(8)));
        assertThat(reinstalledAndRemovedAgain.confirmsRemovalAt(T0.plus(INTERVAL.multipliedBy(8)), INTERVAL)).isTrue();
    }

    @Test
    void aZeroConfirmationIntervalIsRefused() {
        assertThatThrownBy(() -> owned.confirmsRemovalAt(T0, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
