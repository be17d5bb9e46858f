package io.accesshub.application.service;

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
import io.accesshub.domain.budget.BudgetState;
import io.accesshub.domain.budget.BudgetUsage;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Budget visibility: reads each budget from the {@link BudgetLedger} (what every instance has counted) and judges it
 * on the ledger's clock with the domain's rules ({@link BudgetState#usage}); the scope decides which budgets are shown.
 * A location's company is the one its installation names; a location the hub has no installation of is seen only by
 * keys that do not need its company.
 */
public final class BudgetViewService implements ViewBudgetsUseCase {

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

    private boolean seesLocation(AccessScope scope, MarketplaceAppId app, LocationId location) {
        return scope.permitsLocationOfAnyCompany(location)
            || installations.findLocation(app, location).map(i -> scope.permits(i.key())).orElse(false);
    }

    private BudgetSummary summary(MarketplaceAppId app, String resourceId, boolean visible) {
        BudgetUsage used = visible ? usage(BudgetKey.of(app, resourceId)) : NOTHING_COUNTED;
        return new BudgetSummary(app, resourceId, policy.limit(), used.burst(), policy.dailyLimit(), used.daily(),
            policy.backgroundReserve());
    }

    private BudgetUsage usage(BudgetKey key) {
        BudgetLedger.Reading reading = ledger.read(key, policy);
        return reading.state().orElseGet(() -> BudgetState.empty(policy)).usage(policy, reading.now());
    }
}
