package io.accesshub.application.service;

import static io.accesshub.application.testdata.InstallationMother.anInstallation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.application.fakes.FixedMarketplaceApps;
import io.accesshub.application.fakes.InMemoryBudgetLedger;
import io.accesshub.application.fakes.InMemoryInstallationRepository;
import io.accesshub.application.fakes.MovableClock;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.BudgetDecision;
import io.accesshub.application.port.in.BudgetHeadroom;
import io.accesshub.application.port.in.BudgetQuery;
import io.accesshub.application.port.in.BudgetSummary;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetPolicy;
import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetViewServiceTest {

    /** 90 per 10 s in 20 slots of 500 ms (the ring holds 21 of them), 10 kept for the hub, 1,000 a day. */
    private static final BudgetPolicy POLICY = new BudgetPolicy(90, Duration.ofSeconds(10), 20, 10, 1_000,
        ZoneOffset.UTC);
    private static final MarketplaceAppId APP = MarketplaceAppId.of("app1");
    private static final MarketplaceAppId OTHER_APP = MarketplaceAppId.of("app2");
    private static final CompanyId COMPANY_A = CompanyId.of("company-a");
    private static final CompanyId COMPANY_B = CompanyId.of("company-b");
    private static final LocationId LOCATION_OF_A = LocationId.of("location-a1");
    private static final LocationId LOCATION_OF_B = LocationId.of("location-b1");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T10:00:00.250Z"));
    private final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(clock);
    private final InMemoryInstallationRepository installations = new InMemoryInstallationRepository();
    private final RateBudgetService budgets = new RateBudgetService(ledger, POLICY, clock, clock::advance);
    private final BudgetViewService service = new BudgetViewService(new FixedMarketplaceApps(
        new MarketplaceApp(APP, "main", Scopes.parse("oauth.write")),
        new MarketplaceApp(OTHER_APP, "second", Scopes.parse("oauth.write"))), installations, ledger, POLICY);

    @BeforeEach
    void installTwoTenants() {
        installations.add(anInstallation().withKey(InstallationKey.forLocation(APP, COMPANY_A, LOCATION_OF_A))
            .build());
        installations.add(anInstallation().withKey(InstallationKey.forLocation(APP, COMPANY_B, LOCATION_OF_B))
            .build());
    }

    private static BudgetQuery query(CompanyId company, LocationId location) {
        return new BudgetQuery(Optional.ofNullable(company), Optional.ofNullable(location));
    }

    private void record(MarketplaceAppId app, String resource, int calls) {
        for (int i = 0; i < calls; i++) {
            budgets.record(BudgetKey.of(app, resource));
        }
    }

    private static BudgetSummary summary(MarketplaceAppId app, String resource, int burstUsed, long dailyUsed) {
        return new BudgetSummary(app, resource, 90, burstUsed, 1_000, dailyUsed, 10);
    }

    @Test
    void aCompanyAndALocationShowTheirLimitsAndWhatWasCountedInTheWindowAndToday() {
        record(APP, COMPANY_A.value(), 2);
        record(APP, LOCATION_OF_A.value(), 3);
        assertThat(budgets.acquire(BudgetKey.of(APP, LOCATION_OF_A.value()), Priority.PRODUCT, clock.instant()))
            .isInstanceOf(BudgetDecision.Granted.class);

        assertThat(service.view(AccessScope.unrestricted(), query(COMPANY_A, LOCATION_OF_A))).containsExactly(
            summary(APP, "company-a", 2, 2), summary(APP, "location-a1", 4, 4),
            summary(OTHER_APP, "company-a", 0, 0), summary(OTHER_APP, "location-a1", 0, 0));

        clock.advance(Duration.ofSeconds(5));
        record(APP, LOCATION_OF_A.value(), 1);
        assertThat(service.view(AccessScope.unrestricted(), query(null, LOCATION_OF_A))).first()
            .isEqualTo(summary(APP, "location-a1", 5, 5));

        clock.advance(Duration.ofMillis(5_500));
        assertThat(service.view(AccessScope.unrestricted(), query(null, LOCATION_OF_A))).first()
            .as("the first calls left the sliding window, the day keeps them")
            .isEqualTo(summary(APP, "location-a1", 1, 5));

        clock.advance(Duration.ofDays(1));
        assertThat(service.view(AccessScope.unrestricted(), query(COMPANY_A, LOCATION_OF_A))).first()
            .as("a new day").isEqualTo(summary(APP, "company-a", 0, 0));
    }

    @Test
    void aCompanyKeySeesItsCompanyAndItsLocationsAndAnythingElseReadsLikeABudgetNobodyUsed() {
        record(APP, COMPANY_A.value(), 2);
        record(APP, LOCATION_OF_A.value(), 3);
        record(APP, COMPANY_B.value(), 4);
        record(APP, LOCATION_OF_B.value(), 5);
        AccessScope companyA = new AccessScope(Set.of(), Set.of(COMPANY_A), Set.of());

        assertThat(service.view(companyA, query(COMPANY_A, LOCATION_OF_A))).startsWith(
            summary(APP, "company-a", 2, 2), summary(APP, "location-a1", 3, 3));
        assertThat(service.view(AccessScope.unrestricted(), query(COMPANY_B, LOCATION_OF_B))).startsWith(
            summary(APP, "company-b", 4, 4), summary(APP, "location-b1", 5, 5));
        List<BudgetSummary> otherTenant = service.view(companyA, query(COMPANY_B, LOCATION_OF_B));
        assertThat(otherTenant).startsWith(summary(APP, "company-b", 0, 0), summary(APP, "location-b1", 0, 0));
        assertThat(otherTenant).as("another tenant's budgets read exactly like budgets nobody used")
            .usingRecursiveFieldByFieldElementComparatorIgnoringFields("resourceId")
            .isEqualTo(service.view(AccessScope.unrestricted(), query(CompanyId.of("unknown-company"),
                LocationId.of("never-installed"))));
    }

    @Test
    void aLocationKeySeesItsLocationButNoCompanyAndAnAppKeyOnlyItsApp() {
        record(APP, COMPANY_B.value(), 4);
        record(APP, LOCATION_OF_B.value(), 5);
        record(OTHER_APP, LOCATION_OF_B.value(), 6);
        AccessScope locationOfB = new AccessScope(Set.of(), Set.of(), Set.of(LOCATION_OF_B));
        AccessScope otherApp = new AccessScope(Set.of(OTHER_APP), Set.of(), Set.of());

        assertThat(service.view(locationOfB, query(COMPANY_B, LOCATION_OF_B))).containsExactly(
            summary(APP, "company-b", 0, 0), summary(APP, "location-b1", 5, 5),
            summary(OTHER_APP, "company-b", 0, 0), summary(OTHER_APP, "location-b1", 6, 6));
        assertThat(service.view(otherApp, query(COMPANY_B, LOCATION_OF_B))).containsExactly(
            summary(OTHER_APP, "company-b", 0, 0), summary(OTHER_APP, "location-b1", 6, 6));
    }

    @Test
    void aQueryNamesACompanyOrALocationThatCanHaveABudget() {
        assertThatThrownBy(() -> query(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query(CompanyId.of("c".repeat(65)), null))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query(null, LocationId.of("l".repeat(65))))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(query(CompanyId.of("c".repeat(64)), null))).hasSize(1);
    }

    @Test
    void theFleetsBudgetsArePagedMostCallsTodayFirstAndYesterdaysAreLeftOut() {
        record(APP, LOCATION_OF_A.value(), 3);
        record(OTHER_APP, COMPANY_B.value(), 7);
        record(APP, COMPANY_A.value(), 5);
        clock.advance(Duration.ofDays(1));
        record(APP, LOCATION_OF_B.value(), 1);
        record(APP, COMPANY_A.value(), 2);
        record(OTHER_APP, COMPANY_B.value(), 4);

        var first = service.busiest(PageRequest.first(2));
        var second = service.busiest(PageRequest.of(2, 2));

        assertThat(first.totalCount()).as("location-a1 drew only yesterday").isEqualTo(3);
        assertThat(first.items()).containsExactly(summary(OTHER_APP, COMPANY_B.value(), 4, 4),
            summary(APP, COMPANY_A.value(), 2, 2));
        assertThat(second.items()).containsExactly(summary(APP, LOCATION_OF_B.value(), 1, 1));
        assertThat(first.hasNext()).isTrue();
        assertThat(second.hasNext()).isFalse();
    }

    @Test
    void eachAppsHeadroomIsWhatItsTightestBudgetLeavesPerPriorityAndNothingDrawnLeavesTheCaps() {
        // product traffic leaves the reserve: 80 of 90 per window, 1,000 - 1,000 * 10 / 90 = 889 of 1,000 a day
        record(APP, LOCATION_OF_A.value(), 30);
        clock.advance(Duration.ofSeconds(30));
        record(APP, COMPANY_A.value(), 12);
        record(APP, LOCATION_OF_B.value(), 5);

        assertThat(service.headroom()).containsExactly(
            new BudgetHeadroom(APP, Priority.PRODUCT, 80 - 12, 889 - 30),
            new BudgetHeadroom(APP, Priority.BACKGROUND, 90 - 12, 1_000 - 30),
            new BudgetHeadroom(OTHER_APP, Priority.PRODUCT, 80, 889),
            new BudgetHeadroom(OTHER_APP, Priority.BACKGROUND, 90, 1_000));
    }
}
