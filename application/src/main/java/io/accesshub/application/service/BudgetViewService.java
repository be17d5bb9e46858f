package io.accesshub.application.service;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.BudgetHeadroom;
import io.accesshub.application.port.in.BudgetQuery;
import io.accesshub.application.port.in.BudgetSummary;
import io.accesshub.application.port.in.ViewBudgetsUseCase;
import io.accesshub.application.port.out.BudgetLedger;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetPolicy;
import io.accesshub.domain.budget.BudgetRemaining;
import io.accesshub.domain.budget.BudgetState;
import io.accesshub.domain.budget.BudgetUsage;
import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Budget visibility: reads each budget from the {@link BudgetLedger} (what every instance has counted) and judges it
 * on the ledger's clock with the domain's rules ({@link BudgetState#usage}); the scope decides which budgets are shown.
 * A location's company is the one its installation names; a location the hub has no installation of is seen only by
 * keys that do not need its company.
 */
public final class BudgetViewService implements ViewBudgetsUseCase {

    /** How many of an app's busiest budgets today {@link #headroom()} looks at for the sliding window. */
    static final int HEADROOM_SAMPLE = 100;

    /** What a budget nobody has drawn on shows, and what a budget outside the scope shows alike. */
    private static final BudgetUsage NOTHING_COUNTED = new BudgetUsage(0, 0);

    private final MarketplaceApps apps;
    private final InstallationRepository installations;
    private final BudgetLedger ledger;
    private final BudgetPolicy policy;

    public BudgetViewService(MarketplaceApps apps, InstallationRepository installations, BudgetLedger ledger,
                             BudgetPolicy policy) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.installations = Objects.requireNonNull(installations, "installations");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public List<BudgetSummary> view(AccessScope scope, BudgetQuery query) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(query, "query");
        List<BudgetSummary> summaries = new ArrayList<>();
        for (MarketplaceApp app : apps.all()) {
            if (!scope.permitsApp(app.id())) {
                continue;
            }
            if (query.companyId().isPresent()) {
                CompanyId company = query.companyId().get();
                summaries.add(summary(app.id(), company.value(),
                    scope.permits(InstallationKey.forCompany(app.id(), company))));
            }
            if (query.locationId().isPresent()) {
                LocationId location = query.locationId().get();
                summaries.add(summary(app.id(), location.value(), seesLocation(scope, app.id(), location)));
            }
        }
        return summaries;
    }

    @Override
    public Page<BudgetSummary> busiest(PageRequest page) {
        Objects.requireNonNull(page, "page");
        BudgetLedger.Busiest found = ledger.busiestToday(policy, Optional.empty(), page);
        List<BudgetSummary> summaries = found.page().items().stream()
            .map(budget -> summary(budget.key(), budget.state().usage(policy, found.now()))).toList();
        return new Page<>(summaries, found.page().totalCount(), page);
    }

    @Override
    public List<BudgetHeadroom> headroom() {
        List<BudgetHeadroom> headroom = new ArrayList<>();
        for (MarketplaceApp app : apps.all()) {
            BudgetLedger.Sample busiest = ledger.busiestSample(policy, app.id(), HEADROOM_SAMPLE);
            for (Priority priority : Priority.values()) {
                int burstLeft = policy.burstCap(priority);
                long dailyLeft = policy.dailyCap(priority);
                for (BudgetLedger.StoredBudget budget : busiest.items()) {
                    BudgetRemaining left = budget.state().remaining(policy, busiest.now(), priority);
                    burstLeft = Math.min(burstLeft, left.burst());
                    dailyLeft = Math.min(dailyLeft, left.daily());
                }
                headroom.add(new BudgetHeadroom(app.id(), priority, burstLeft, dailyLeft));
            }
        }
        return headroom;
    }

    private boolean seesLocation(AccessScope scope, MarketplaceAppId app, LocationId location) {
        return scope.permitsLocationOfAnyCompany(location)
            || installations.findLocation(app, location).map(i -> scope.permits(i.key())).orElse(false);
    }

    private BudgetSummary summary(MarketplaceAppId app, String resourceId, boolean visible) {
        BudgetKey key = BudgetKey.of(app, resourceId);
        return summary(key, visible ? usage(key) : NOTHING_COUNTED);
    }

    private BudgetSummary summary(BudgetKey key, BudgetUsage used) {
        return new BudgetSummary(key.app(), key.resourceId(), policy.limit(), used.burst(), policy.dailyLimit(),
            used.daily(), policy.backgroundReserve());
    }

    private BudgetUsage usage(BudgetKey key) {
        BudgetLedger.Reading reading = ledger.read(key, policy);
        return reading.state().orElseGet(() -> BudgetState.empty(policy)).usage(policy, reading.now());
    }
}
