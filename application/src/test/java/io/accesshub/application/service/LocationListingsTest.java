package io.accesshub.application.service;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.fakes.InMemoryGrantRepository;
import io.accesshub.application.fakes.InMemoryInstallationRepository;
import io.accesshub.application.fakes.InMemoryLocationOwners;
import io.accesshub.application.fakes.InMemoryTransactionRunner;
import io.accesshub.application.fakes.RecordingInstallationEventPublisher;
import io.accesshub.application.port.out.InstalledLocationsOutcome.InstalledLocation;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Listings of an agency's locations: each teaches the owner of every location listed, and only two listings at least
 * one reconciliation interval apart that both say "not installed" uninstall a location.
 */
class LocationListingsTest {

    private static final Duration INTERVAL = Duration.ofHours(1);

    private final InstallServiceTest.MutableClock clock = new InstallServiceTest.MutableClock(TestTimes.NOW);
    private final InMemoryInstallationRepository installations = new InMemoryInstallationRepository();
    private final InMemoryGrantRepository grants = new InMemoryGrantRepository();
    private final RecordingInstallationEventPublisher events = new RecordingInstallationEventPublisher();
    private final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner(installations, grants, events);
    private final InMemoryLocationOwners owners = new InMemoryLocationOwners();
    private final MarketplaceAppId app = TestIds.appId();
    private final Installation agency = installations.add(aCompanyInstallation().ofApp(app).build());
    private final LocationListings listings = new LocationListings(owners, installations,
        new InstallationTransitions(installations, grants, events, transactions), INTERVAL, clock);

    private Installation activeLocation() {
        Installation location = installations.add(aLocationInstallation().ofApp(app)
            .ofCompany(agency.key().companyId()).withStatus(InstallationStatus.ACTIVE)
            .withReason(StateReason.GRANT_MINTED).build());
        grants.add(aLocationGrant().forInstallation(location.id()).build());
        return location;
    }

    private static InstalledLocation listed(Installation location, boolean installed) {
        return new InstalledLocation(location.key().locationId().orElseThrow(), "a location", installed);
    }

    @Test
    void everyListedLocationIsOwnedByTheAgencyInstalledOrNot() {
        LocationId installed = TestIds.locationId();
        LocationId notInstalled = TestIds.locationId();

        listings.apply(agency, List.of(new InstalledLocation(installed, "a", true),
            new InstalledLocation(notInstalled, "b", false)));

        assertThat(owners.ownerOf(app, installed)).contains(agency.key().companyId());
        assertThat(owners.ownerOf(app, notInstalled)).contains(agency.key().companyId());
    }

    @Test
    void oneListingSayingNotInstalledUninstallsNothingAndASecondOneIntervalLaterDoes() {
        Installation location = activeLocation();

        assertThat(listings.apply(agency, List.of(listed(location, false)))).isZero();
        clock.advance(INTERVAL.minusSeconds(1));
        assertThat(listings.apply(agency, List.of(listed(location, false)))).as("too soon after the first").isZero();
        assertThat(installations.findById(location.id()).orElseThrow().status()).isEqualTo(InstallationStatus.ACTIVE);
        assertThat(grants.findByInstallationId(location.id())).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(listings.apply(agency, List.of(listed(location, false)))).isEqualTo(1);

        Installation removed = installations.findById(location.id()).orElseThrow();
        assertThat(removed.status()).isEqualTo(InstallationStatus.UNINSTALLED);
        assertThat(removed.reason()).isEqualTo(StateReason.UNINSTALLED_IN_MARKETPLACE);
        assertThat(grants.findByInstallationId(location.id())).as("tokens erased").isEmpty();
        assertThat(events.published()).extracting(e -> e.type()).containsExactly(InstallationEventType.UNINSTALLED);

        clock.advance(INTERVAL);
        assertThat(listings.apply(agency, List.of(listed(location, false)))).as("applied once").isZero();
        assertThat(events.published()).hasSize(1);
    }

    @Test
    void aListingSayingInstalledInBetweenStartsTheCountOver() {
        Installation location = activeLocation();

        listings.apply(agency, List.of(listed(location, false)));
        clock.advance(INTERVAL.dividedBy(2));
        listings.apply(agency, List.of(listed(location, true)));
        clock.advance(INTERVAL.dividedBy(2));
        assertThat(listings.apply(agency, List.of(listed(location, false)))).isZero();

        assertThat(installations.findById(location.id()).orElseThrow().status()).isEqualTo(InstallationStatus.ACTIVE);
    }

    @Test
    void anInstallHighLevelReportedAfterTheFirstListingWinsOverTheRemoval() {
        Installation location = installations.add(aLocationInstallation().ofApp(app)
            .ofCompany(agency.key().companyId()).withStatus(InstallationStatus.ACTIVE)
            .withReason(StateReason.GRANT_ISSUED).lastLifecycleChangeAt(TestTimes.NOW.plusSeconds(60)).build());

        listings.apply(agency, List.of(listed(location, false)));
        clock.advance(INTERVAL);
        listings.apply(agency, List.of(listed(location, false)));

        assertThat(installations.findById(location.id()).orElseThrow().status()).isEqualTo(InstallationStatus.ACTIVE);
    }
}
