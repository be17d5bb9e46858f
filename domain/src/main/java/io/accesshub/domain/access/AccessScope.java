package io.accesshub.domain.access;

import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Objects;
import java.util.Set;

/**
 * The tenants an API key may see. An empty set does not restrict. {@code apps} restricts the app; {@code companies}
 * and {@code locations} together name the resources: an agency installation is visible when its company is listed, a
 * location installation when its company or the location itself is listed. A key restricted to locations only sees
 * no agency installation.
 *
 * @param apps      HighLevel app ids the key may see; empty for every app
 * @param companies companies (agencies) the key may see, with all of their locations
 * @param locations single locations the key may see
 */
public record AccessScope(Set<MarketplaceAppId> apps, Set<CompanyId> companies, Set<LocationId> locations) {

    private static final AccessScope UNRESTRICTED = new AccessScope(Set.of(), Set.of(), Set.of());

    public AccessScope {
        apps = Set.copyOf(Objects.requireNonNull(apps, "apps"));
        companies = Set.copyOf(Objects.requireNonNull(companies, "companies"));
        locations = Set.copyOf(Objects.requireNonNull(locations, "locations"));
    }

    /** Sees every installation of every app. */
    public static AccessScope unrestricted() {
        return UNRESTRICTED;
    }

    /** Whether no set restricts anything. */
    public boolean isUnrestricted() {
        return apps.isEmpty() && companies.isEmpty() && locations.isEmpty();
    }

    /** Whether the key may see installations of this app at all. */
    public boolean permitsApp(MarketplaceAppId app) {
        return apps.isEmpty() || apps.contains(app);
    }

    /** Whether the key may see the installation with this key (and read its token, given the permission). */
    public boolean permits(InstallationKey key) {
        return permitsApp(key.appId()) && permitsResource(key.companyId(), key.locationId().orElse(null));
    }

    /** Whether the key may see this location of this company, whatever the app. */
    public boolean permitsLocation(CompanyId company, LocationId location) {
        return permitsResource(company, Objects.requireNonNull(location, "location"));
    }

    /**
     * Whether the key may see this location whichever company it belongs to (for a location the hub knows no company
     * of): when no company or location restricts the key, or the location itself is listed; apps aside.
     */
    public boolean permitsLocationOfAnyCompany(LocationId location) {
        Objects.requireNonNull(location, "location");
        return companies.isEmpty() && locations.isEmpty() || locations.contains(location);
    }

    private boolean permitsResource(CompanyId company, LocationId location) {
        if (companies.isEmpty() && locations.isEmpty()) {
            return true;
        }
        if (companies.contains(company)) {
            return true;
        }
        return location != null && locations.contains(location);
    }
}
