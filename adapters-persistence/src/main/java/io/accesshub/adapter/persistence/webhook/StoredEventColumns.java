package io.accesshub.adapter.persistence.webhook;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.PlanId;
import io.accesshub.domain.webhook.MarketplaceEvent;
import java.util.Optional;

/**
 * How a {@link MarketplaceEvent} is laid out in {@code webhook_inbox}: its kind, company, location and plans in
 * typed columns; HighLevel's type and the body only for an event of kind OTHER (the one extensions receive).
 */
record StoredEventColumns(MarketplaceEvent.Kind kind, Optional<String> otherType, Optional<String> companyId,
                          Optional<String> locationId, Optional<String> planId, Optional<String> previousPlanId,
                          Optional<String> body) {

    static StoredEventColumns of(MarketplaceEvent event) {
        if (event instanceof MarketplaceEvent.Install install) {
            return typed(event, Optional.of(install.company()), install.location(), install.plan(), Optional.empty());
        }
        if (event instanceof MarketplaceEvent.Uninstall uninstall) {
            return typed(event, uninstall.company(), uninstall.location(), Optional.empty(), Optional.empty());
        }
        if (event instanceof MarketplaceEvent.LocationCreated created) {
            return typed(event, Optional.of(created.company()), Optional.of(created.location()), Optional.empty(),
                Optional.empty());
        }
        if (event instanceof MarketplaceEvent.PlanChanged plan) {
            return typed(event, plan.company(), plan.location(), plan.newPlan(), plan.previousPlan());
        }
        MarketplaceEvent.Other other = (MarketplaceEvent.Other) event;
        return new StoredEventColumns(event.kind(), Optional.of(other.type()), other.company().map(CompanyId::value),
            other.location().map(LocationId::value), Optional.empty(), Optional.empty(), Optional.of(other.body()));
    }

    private static StoredEventColumns typed(MarketplaceEvent event, Optional<CompanyId> company,
                                            Optional<LocationId> location, Optional<PlanId> plan,
                                            Optional<PlanId> previousPlan) {
        return new StoredEventColumns(event.kind(), Optional.empty(), company.map(CompanyId::value),
            location.map(LocationId::value), plan.map(PlanId::value), previousPlan.map(PlanId::value),
            Optional.empty());
    }

    /** The event these columns hold; throws when a stored value is not a valid id (a damaged row). */
    MarketplaceEvent toEvent() {
        if (kind == MarketplaceEvent.Kind.OTHER) {
            return new MarketplaceEvent.Other(otherType.orElseThrow(), lenient(companyId, CompanyId::of),
                lenient(locationId, LocationId::of), body.orElse("{}"));
        }
        Optional<CompanyId> company = companyId.map(CompanyId::of);
        Optional<LocationId> location = locationId.map(LocationId::of);
        return switch (kind) {
            case INSTALL -> new MarketplaceEvent.Install(company.orElseThrow(), location, planId.map(PlanId::of));
            case UNINSTALL -> new MarketplaceEvent.Uninstall(company, location);
            case LOCATION_CREATED -> new MarketplaceEvent.LocationCreated(company.orElseThrow(), location.orElseThrow());
            case PLAN_CHANGED -> new MarketplaceEvent.PlanChanged(company, location, previousPlanId.map(PlanId::of),
                planId.map(PlanId::of));
            case OTHER -> throw new IllegalStateException("handled above");
        };
    }

    /** Ids of events the hub only passes on (rows older than the typed columns may hold any string). */
    private static <T> Optional<T> lenient(Optional<String> value, java.util.function.Function<String, T> parse) {
        try {
            return value.map(parse);
        } catch (RuntimeException notAnId) {
            return Optional.empty();
        }
    }
}
