package io.accesshub.domain.relay;

import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;

import java.util.Objects;
import java.util.Set;

/**
 * Which lifecycle events a subscription receives: one of its event types, and, when it names apps or companies, an
 * installation of one of those apps and of one of those companies (agencies; their locations included).
 */
public record RelayFilter(Set<RelayEventType> eventTypes, Set<MarketplaceAppId> apps, Set<CompanyId> companies) {

    public RelayFilter {
        eventTypes = Set.copyOf(Objects.requireNonNull(eventTypes, "eventTypes"));
        apps = Set.copyOf(Objects.requireNonNull(apps, "apps"));
        companies = Set.copyOf(Objects.requireNonNull(companies, "companies"));
        if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException("a subscription names at least one event type");
        }
    }

    /** Whether a subscription with this filter receives the event. */
    public boolean matches(InstallationEvent event) {
        return eventTypes.contains(RelayEventType.of(event.type()))
            && (apps.isEmpty() || apps.contains(event.key().appId()))
            && (companies.isEmpty() || companies.contains(event.key().companyId()));
    }
}
