package io.accesshub.application.port.out;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.access.AccessScope;
import java.util.Optional;
import io.accesshub.domain.marketplace.UserType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static io.accesshub.application.testdata.InstallationMother.anInstallation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link InstallationRepository} must show; run against the in-memory fake and the real
 * database. Subclass it and implement {@link #newRepository()}.
 *
 * <p>Tests never assume an empty store: every test uses fresh identifiers (random app, company and location ids),
 * so a database may be shared by all tests and kept between runs.
 */
public abstract class InstallationRepositoryContract {

    protected InstallationRepository repository;

    /** The repository under test; called before each test (a database-backed one may return the same bean). */
    protected abstract InstallationRepository newRepository();

    @BeforeEach
    void setUpRepository() {
        repository = newRepository();
    }

    @Test
    void aStoredLocationInstallationIsFoundByIdWithEveryField() {
        Installation installation = anInstallation()
                .withReason(StateReason.LOCATION_NOT_ACTIVE)
                .createdAt(Instant.parse("2025-01-02T03:04:05.123456Z"))
                .statusChangedAt(Instant.parse("2026-11-21T23:59:59.999999Z"))
                .lastLifecycleChangeAt(Instant.parse("2026-01-01T00:00:00.000001Z"))
                .build();

        Installation added = repository.add(installation);

        assertThat(added).isEqualTo(installation);
        Installation found = repository.findById(installation.id()).orElseThrow();
        assertThat(found).isEqualTo(installation);
        assertThat(found.key().locationId()).isEqualTo(installation.key().locationId());
        assertThat(found.userType()).isEqualTo(UserType.LOCATION);
        assertThat(found.status()).isEqualTo(InstallationStatus.SUSPENDED);
        assertThat(found.reason()).isEqualTo(StateReason.LOCATION_NOT_ACTIVE);
        assertThat(found.createdAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05.123456Z"));
        assertThat(found.statusChangedAt()).isEqualTo(Instant.parse("2026-11-21T23:59:59.999999Z"));
        assertThat(found.lastLifecycleChangeAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.000001Z"));
        assertThat(found.companyDetails()).isEqualTo(CompanyInstallDetails.none());
        assertThat(found.version()).isZero();
    }

    @Test
    void aStoredCompanyInstallationKeepsItsApprovedLocationsAndFlags() {
        Set<LocationId> approved = Set.of(TestIds.locationId(), TestIds.locationId(), TestIds.locationId());
        Installation installation = anInstallation().forCompany()
                .withCompanyDetails(CompanyInstallDetails.of(approved, true, false, true))
                .build();

        repository.add(installation);

        Installation found = repository.findById(installation.id()).orElseThrow();
        assertThat(found).isEqualTo(installation);
        assertThat(found.key().locationId()).isEmpty();
        assertThat(found.userType()).isEqualTo(UserType.COMPANY);
        assertThat(found.companyDetails().approvedLocations()).containsExactlyInAnyOrderElementsOf(approved);
        assertThat(found.companyDetails().installToFutureLocations()).isTrue();
        assertThat(found.companyDetails().approveAllLocations()).isFalse();
        assertThat(found.companyDetails().bulkInstallation()).isTrue();
    }

    @Test
    void aCompanyInstallationWithManyApprovedLocationsRoundTrips() {
        Set<LocationId> approved = new java.util.HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            approved.add(TestIds.locationId());
        }
        Installation installation = anInstallation().forCompany()
                .withCompanyDetails(CompanyInstallDetails.of(approved, false, true, true))
                .build();

        repository.add(installation);

        assertThat(repository.findById(installation.id())).contains(installation);
    }

    @ParameterizedTest
    @EnumSource(StateReason.class)
    void everyStatusAndReasonRoundTrips(StateReason reason) {
        Installation installation = anInstallation().withReason(reason).build();

        repository.add(installation);

        Installation found = repository.findById(installation.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(reason.status());
        assertThat(found.reason()).isEqualTo(reason);
    }

    @Test
    void identifiersOfTheLongestAllowedLengthRoundTrip() {
        String longest = "x".repeat(128 - 24) + TestIds.randomText(24);
        Installation installation = anInstallation()
                .ofApp(MarketplaceAppId.of("a" + longest.substring(1)))
                .ofCompany(CompanyId.of("c" + longest.substring(1)))
                .forLocation(LocationId.of("l" + longest.substring(1)))
                .build();

        repository.add(installation);

        assertThat(repository.findById(installation.id())).contains(installation);
        assertThat(repository.findByKey(installation.key())).contains(installation);
    }

    @Test
    void anInstallationIsFoundByItsKey() {
        Installation installation = anInstallation().build();
        repository.add(installation);

        assertThat(repository.findByKey(installation.key())).contains(installation);
    }

    @Test
    void theCompanyKeyAndALocationKeyOfTheSameCompanyFindDifferentInstallations() {
        Installation company = aCompanyInstallation().build();
        Installation location = anInstallation()
                .ofApp(company.key().appId()).ofCompany(company.key().companyId()).forLocation().build();
        repository.add(company);
        repository.add(location);

        assertThat(repository.findByKey(company.key())).contains(company);
        assertThat(repository.findByKey(location.key())).contains(location);
    }

    @Test
    void theSameCompanyAndLocationUnderAnotherAppIsAnotherInstallation() {
        Installation first = anInstallation().build();
        Installation otherApp = anInstallation().withKey(first.key()).ofApp(TestIds.appId()).build();
        repository.add(first);
        repository.add(otherApp);

        assertThat(repository.findByKey(first.key())).contains(first);
        assertThat(repository.findByKey(otherApp.key())).contains(otherApp);
    }

    @Test
    void nothingIsFoundForAnUnknownIdOrKey() {
        assertThat(repository.findById(TestIds.installationId())).isEmpty();
        assertThat(repository.findByKey(InstallationKey.forCompany(TestIds.appId(), TestIds.companyId()))).isEmpty();
        assertThat(repository.findByKey(
                InstallationKey.forLocation(TestIds.appId(), TestIds.companyId(), TestIds.locationId()))).isEmpty();
    }

    @Test
    void aLocationKeyDoesNotFindTheCompanyInstallation() {
        Installation company = aCompanyInstallation().build();
        repository.add(company);

        InstallationKey locationKey = InstallationKey.forLocation(company.key().appId(), company.key().companyId(),
                TestIds.locationId());
        assertThat(repository.findByKey(locationKey)).isEmpty();
    }

    @Test
    void addingTheSameIdTwiceIsRefused() {
        Installation installation = anInstallation().build();
        repository.add(installation);

        Installation sameId = anInstallation().withId(installation.id()).build();
        assertThatThrownBy(() -> repository.add(sameId)).isInstanceOf(AlreadyExistsException.class);
        assertThat(repository.findById(installation.id())).contains(installation);
    }

    @Test
    void addingASecondInstallationForTheSameLocationKeyIsRefused() {
        Installation installation = anInstallation().build();
        repository.add(installation);

        Installation sameKey = anInstallation().withKey(installation.key()).build();
        assertThatThrownBy(() -> repository.add(sameKey)).isInstanceOf(AlreadyExistsException.class);
        assertThat(repository.findById(sameKey.id())).isEmpty();
    }

    @Test
    void addingASecondInstallationForTheSameCompanyKeyIsRefused() {
        Installation company = aCompanyInstallation().build();
        repository.add(company);

        Installation sameKey = aCompanyInstallation().withKey(company.key()).build();
        assertThatThrownBy(() -> repository.add(sameKey)).isInstanceOf(AlreadyExistsException.class);
        assertThat(repository.findById(sameKey.id())).isEmpty();
    }

    @Test
    void updatingWithTheStoredVersionStoresTheChangeAndAdvancesTheVersionByOne() {
        Installation stored = repository.add(anInstallation().withStatus(InstallationStatus.ACTIVE).build());
        Instant later = TestTimes.NOW.plus(Duration.ofMinutes(1));

        Installation degraded = stored.degrade(StateReason.MARKETPLACE_UNAVAILABLE, later);
        Installation updated = repository.update(degraded);

        assertThat(updated.version()).isEqualTo(stored.version() + 1);
        assertThat(updated.status()).isEqualTo(InstallationStatus.DEGRADED);
        assertThat(updated.statusChangedAt()).isEqualTo(later);
        assertThat(repository.findById(stored.id())).contains(updated);
    }

    @Test
    void successiveUpdatesEachAdvanceTheVersion() {
        Installation stored = repository.add(anInstallation().build());
        Instant now = TestTimes.NOW;

        Installation v1 = repository.update(stored.degrade(StateReason.MARKETPLACE_UNAVAILABLE, now));
        Installation v2 = repository.update(v1.activate(StateReason.REFRESHED, now.plusSeconds(60)));
        Installation v3 = repository.update(
                v2.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, now.plusSeconds(90), now.plusSeconds(120)));

        assertThat(List.of(v1.version(), v2.version(), v3.version()))
                .containsExactly(stored.version() + 1, stored.version() + 2, stored.version() + 3);
        Installation found = repository.findById(stored.id()).orElseThrow();
        assertThat(found).isEqualTo(v3);
        assertThat(found.lastLifecycleChangeAt()).isEqualTo(now.plusSeconds(90));
    }

    @Test
    void companyDetailsChangesAreStoredByAnUpdate() {
        Installation stored = repository.add(aCompanyInstallation().build());
        CompanyInstallDetails newDetails = CompanyInstallDetails.of(Set.of(TestIds.locationId()), false, true, false);

        Installation updated = repository.update(stored.recordCompanyDetails(newDetails));

        assertThat(repository.findById(stored.id()).orElseThrow().companyDetails()).isEqualTo(newDetails);
        assertThat(repository.findById(stored.id())).contains(updated);
    }

    @Test
    void anUpdateBasedOnAStaleVersionIsRefusedAndChangesNothing() {
        Installation stored = repository.add(anInstallation().build());
        Installation firstWriter = repository.update(stored.degrade(StateReason.MARKETPLACE_UNAVAILABLE,
                TestTimes.NOW));

        Installation secondWriter = stored.suspend(StateReason.LOCATION_NOT_ACTIVE, TestTimes.NOW);
        assertThatThrownBy(() -> repository.update(secondWriter)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(repository.findById(stored.id())).contains(firstWriter);
    }

    @Test
    void anUpdateOfAnInstallationThatWasNeverStoredIsRefused() {
        Installation neverStored = anInstallation().build();

        assertThatThrownBy(() -> repository.update(neverStored)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(repository.findById(neverStored.id())).isEmpty();
    }

    @Test
    void ofConcurrentUpdatesFromTheSameVersionExactlyOneWins() throws Exception {
        Installation stored = repository.add(anInstallation().build());
        int writers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Instant at = TestTimes.NOW.plusSeconds(i);
                Callable<Boolean> write = () -> {
                    start.await();
                    try {
                        repository.update(stored.degrade(StateReason.MARKETPLACE_UNAVAILABLE, at));
                        return true;
                    } catch (ConcurrentUpdateException lost) {
                        return false;
                    }
                };
                results.add(pool.submit(write));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(repository.findById(stored.id()).orElseThrow().version()).isEqualTo(stored.version() + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void recordedEventsAreNotStored() {
        Installation created = Installation.create(TestIds.installationId(),
                InstallationKey.forLocation(TestIds.appId(), TestIds.companyId(), TestIds.locationId()),
                CompanyInstallDetails.none(), TestTimes.NOW);
        assertThat(created.recordedEvents()).isNotEmpty();

        repository.add(created);

        Installation found = repository.findById(created.id()).orElseThrow();
        assertThat(found).isEqualTo(created);
        assertThat(found.recordedEvents()).isEmpty();
    }

    @Test
    void listingByCompanyReturnsExactlyThatCompanysInstallations() {
        Installation company = aCompanyInstallation().build();
        Installation locationA = locationOf(company).build();
        Installation locationB = locationOf(company).withStatus(InstallationStatus.NEEDS_REAUTH).build();
        Installation otherCompany = anInstallation().ofApp(company.key().appId()).build();
        List.of(company, locationA, locationB, otherCompany).forEach(repository::add);

        Page<Installation> page = repository.list(
                InstallationFilter.all().withCompany(company.key().companyId()), PageRequest.first(50));

        assertThat(page.items()).containsExactlyElementsOf(sortedById(company, locationA, locationB));
        assertThat(page.totalCount()).isEqualTo(3);
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void listingByCompanyAndStatusReturnsOnlyThoseInThatStatus() {
        Installation company = aCompanyInstallation().build();
        Installation active = locationOf(company).withStatus(InstallationStatus.ACTIVE).build();
        Installation reauth1 = locationOf(company).withStatus(InstallationStatus.NEEDS_REAUTH).build();
        Installation reauth2 = locationOf(company).withReason(StateReason.COMPANY_GRANT_LOST).build();
        List.of(company, active, reauth1, reauth2).forEach(repository::add);

        Page<Installation> page = repository.list(InstallationFilter.all()
                .withCompany(company.key().companyId())
                .withStatus(InstallationStatus.NEEDS_REAUTH), PageRequest.first(50));

        assertThat(page.items()).containsExactlyElementsOf(sortedById(reauth1, reauth2));
        assertThat(page.totalCount()).isEqualTo(2);
    }

    @Test
    void listingByCompanyAndUserTypeSeparatesTheAgencyFromItsLocations() {
        Installation company = aCompanyInstallation().build();
        Installation location1 = locationOf(company).build();
        Installation location2 = locationOf(company).build();
        List.of(company, location1, location2).forEach(repository::add);
        InstallationFilter ofCompany = InstallationFilter.all().withCompany(company.key().companyId());

        assertThat(repository.list(ofCompany.withUserType(UserType.LOCATION), PageRequest.first(50)).items())
                .containsExactlyElementsOf(sortedById(location1, location2));
        assertThat(repository.list(ofCompany.withUserType(UserType.COMPANY), PageRequest.first(50)).items())
                .containsExactly(company);
    }

    @Test
    void listingByLocationFindsThatLocationUnderEveryApp() {
        LocationId location = TestIds.locationId();
        CompanyId companyId = TestIds.companyId();
        Installation underAppA = anInstallation().ofCompany(companyId).forLocation(location).build();
        Installation underAppB = anInstallation().ofCompany(companyId).forLocation(location).build();
        Installation otherLocation = anInstallation().ofCompany(companyId).build();
        List.of(underAppA, underAppB, otherLocation).forEach(repository::add);

        Page<Installation> page = repository.list(InstallationFilter.all().withLocation(location),
                PageRequest.first(50));

        assertThat(page.items()).containsExactlyElementsOf(sortedById(underAppA, underAppB));
        assertThat(page.totalCount()).isEqualTo(2);
    }

    @Test
    void findingALocationReturnsThatAppsLocationInstallationAndNothingElse() {
        LocationId location = TestIds.locationId();
        CompanyId companyId = TestIds.companyId();
        Installation underAppA = anInstallation().ofCompany(companyId).forLocation(location).build();
        Installation underAppB = anInstallation().ofCompany(companyId).forLocation(location).build();
        Installation agency = anInstallation().ofCompany(companyId).build();
        List.of(underAppA, underAppB, agency).forEach(repository::add);

        assertThat(repository.findLocation(underAppA.key().appId(), location)).contains(underAppA);
        assertThat(repository.findLocation(underAppB.key().appId(), location)).contains(underAppB);
        assertThat(repository.findLocation(agency.key().appId(), location)).isEmpty();
        assertThat(repository.findLocation(underAppA.key().appId(), TestIds.locationId())).isEmpty();
    }

    @Test
    void anAgencysLocationsOfAnAppAreWalkedInIdOrderAPageAfterTheLastId() {
        MarketplaceAppId app = TestIds.appId();
        CompanyId company = TestIds.companyId();
        List<Installation> locations = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            locations.add(anInstallation().ofApp(app).ofCompany(company).forLocation().build());
        }
        locations.forEach(repository::add);
        repository.add(anInstallation().ofApp(app).ofCompany(company).forCompany().build());
        repository.add(anInstallation().ofApp(TestIds.appId()).ofCompany(company).forLocation().build());
        repository.add(anInstallation().ofApp(app).ofCompany(TestIds.companyId()).forLocation().build());
        List<InstallationId> expected = locations.stream().map(Installation::id).sorted().toList();

        List<Installation> first = repository.locationsOfCompany(app, company, Optional.empty(), 2);
        List<Installation> second = repository.locationsOfCompany(app, company, Optional.of(first.get(1).id()), 2);
        List<Installation> last = repository.locationsOfCompany(app, company, Optional.of(second.get(1).id()), 2);

        assertThat(first).extracting(Installation::id).containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(second).extracting(Installation::id).containsExactlyElementsOf(expected.subList(2, 4));
        assertThat(last).extracting(Installation::id).containsExactlyElementsOf(expected.subList(4, 5));
        assertThat(repository.locationsOfCompany(app, company, Optional.of(expected.get(4)), 2)).isEmpty();
        assertThat(repository.locationsOfCompany(app, TestIds.companyId(), Optional.empty(), 2)).isEmpty();
    }

    @Test
    void aListWithinAScopeHoldsOnlyItsAppsCompaniesAndLocations() {
        MarketplaceAppId app = TestIds.appId();
        MarketplaceAppId otherApp = TestIds.appId();
        CompanyId agency = TestIds.companyId();
        CompanyId otherAgency = TestIds.companyId();
        LocationId listed = TestIds.locationId();
        Installation agencyInstall = anInstallation().ofApp(app).ofCompany(agency).forCompany().build();
        Installation agencyLocation = anInstallation().ofApp(app).ofCompany(agency).forLocation().build();
        Installation listedLocation = anInstallation().ofApp(app).ofCompany(otherAgency).forLocation(listed).build();
        Installation otherAgencyInstall = anInstallation().ofApp(app).ofCompany(otherAgency).forCompany().build();
        Installation otherAgencyLocation = anInstallation().ofApp(app).ofCompany(otherAgency).forLocation().build();
        Installation otherAppsLocation = anInstallation().ofApp(otherApp).ofCompany(agency).forLocation().build();
        List.of(agencyInstall, agencyLocation, listedLocation, otherAgencyInstall, otherAgencyLocation,
            otherAppsLocation).forEach(repository::add);

        AccessScope companyAndLocation = new AccessScope(java.util.Set.of(app), java.util.Set.of(agency),
            java.util.Set.of(listed));
        AccessScope locationOnly = new AccessScope(java.util.Set.of(), java.util.Set.of(), java.util.Set.of(listed));
        AccessScope appOnly = new AccessScope(java.util.Set.of(otherApp), java.util.Set.of(), java.util.Set.of());

        assertThat(repository.list(InstallationFilter.all().within(companyAndLocation), PageRequest.first(50)).items())
            .extracting(Installation::id).containsExactlyInAnyOrder(agencyInstall.id(), agencyLocation.id(),
                listedLocation.id());
        assertThat(repository.list(InstallationFilter.all().within(locationOnly), PageRequest.first(50)).items())
            .as("an agency is never one of the scope's locations").extracting(Installation::id)
            .containsExactly(listedLocation.id());
        Page<Installation> ofOtherApp = repository.list(InstallationFilter.all().within(appOnly).withCompany(agency),
            PageRequest.first(50));
        assertThat(ofOtherApp.items()).extracting(Installation::id).containsExactly(otherAppsLocation.id());
        assertThat(ofOtherApp.totalCount()).isEqualTo(1);
        assertThat(repository.list(InstallationFilter.all().withLocation(listed), PageRequest.first(50)).items())
            .extracting(Installation::id).containsExactly(listedLocation.id());
    }

    @Test
    void listingByAppReturnsOnlyThatAppsInstallations() {
        MarketplaceAppId app = TestIds.appId();
        Installation first = anInstallation().ofApp(app).build();
        Installation second = anInstallation().ofApp(app).forCompany().build();
        Installation otherApp = anInstallation().build();
        List.of(first, second, otherApp).forEach(repository::add);

        Page<Installation> page = repository.list(InstallationFilter.all().withApp(app), PageRequest.first(50));

        assertThat(page.items()).containsExactlyElementsOf(sortedById(first, second));
    }

    @Test
    void listingWithAllCriteriaMatchesOnlyTheInstallationMeetingAllOfThem() {
        Installation company = aCompanyInstallation().build();
        Installation wanted = locationOf(company).withStatus(InstallationStatus.SUSPENDED).build();
        Installation otherStatus = locationOf(company).build();
        List.of(company, wanted, otherStatus).forEach(repository::add);

        Page<Installation> page = repository.list(InstallationFilter.all()
                .withApp(company.key().appId())
                .withCompany(company.key().companyId())
                .withLocation(wanted.key().locationId().orElseThrow())
                .withUserType(UserType.LOCATION)
                .withStatus(InstallationStatus.SUSPENDED), PageRequest.first(50));

        assertThat(page.items()).containsExactly(wanted);
        assertThat(page.totalCount()).isEqualTo(1);
    }

    @Test
    void listingWithoutCriteriaIncludesStoredInstallations() {
        Installation installation = anInstallation().build();
        repository.add(installation);

        Page<Installation> page = repository.list(InstallationFilter.all(), PageRequest.first(1));

        assertThat(page.totalCount()).isGreaterThanOrEqualTo(1);
        assertThat(page.items()).hasSize(1);
    }

    @Test
    void listingPagesThroughMatchesInIdOrderWithTheTotalCount() {
        Installation company = aCompanyInstallation().build();
        repository.add(company);
        List<Installation> locations = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Installation location = locationOf(company).build();
            repository.add(location);
            locations.add(location);
        }
        InstallationFilter filter = InstallationFilter.all()
                .withCompany(company.key().companyId()).withUserType(UserType.LOCATION);
        List<Installation> expected = sortedById(locations.toArray(Installation[]::new));

        Page<Installation> first = repository.list(filter, PageRequest.of(0, 3));
        Page<Installation> second = repository.list(filter, PageRequest.of(3, 3));
        Page<Installation> third = repository.list(filter, PageRequest.of(6, 3));
        Page<Installation> beyond = repository.list(filter, PageRequest.of(9, 3));

        assertThat(first.items()).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(second.items()).containsExactlyElementsOf(expected.subList(3, 6));
        assertThat(third.items()).containsExactlyElementsOf(expected.subList(6, 7));
        assertThat(beyond.items()).isEmpty();
        assertThat(List.of(first.totalCount(), second.totalCount(), third.totalCount(), beyond.totalCount()))
                .containsOnly(7L);
        assertThat(List.of(first.hasNext(), second.hasNext(), third.hasNext(), beyond.hasNext()))
                .containsExactly(true, true, false, false);
    }

    @Test
    void listingOrdersByIdAsTheCanonicalTextSortsIt() {
        Installation company = aCompanyInstallation().build();
        repository.add(company);
        List<Installation> locations = new ArrayList<>();
        for (String id : List.of("ffffffff-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000001",
                "80000000-0000-0000-0000-000000000000", "7fffffff-ffff-ffff-ffff-ffffffffffff")) {
            // the first hex digits are random so repeated runs on one database never collide
            String unique = TestIds.installationId().toString().substring(0, 8);
            InstallationId installationId = InstallationId.parse(id.substring(0, 9) + unique.substring(0, 4)
                    + id.substring(13));
            Installation location = locationOf(company).withId(installationId).build();
            repository.add(location);
            locations.add(location);
        }

        Page<Installation> page = repository.list(InstallationFilter.all().withCompany(company.key().companyId())
                .withUserType(UserType.LOCATION), PageRequest.first(10));

        assertThat(page.items()).extracting(i -> i.id().toString().substring(0, 8))
                .containsExactly("00000000", "7fffffff", "80000000", "ffffffff");
    }

    private static io.accesshub.application.testdata.InstallationMother locationOf(Installation company) {
        return anInstallation().ofApp(company.key().appId()).ofCompany(company.key().companyId()).forLocation();
    }

    private static List<Installation> sortedById(Installation... installations) {
        return java.util.Arrays.stream(installations).sorted(Comparator.comparing(Installation::id)).toList();
    }
}
