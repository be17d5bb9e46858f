package io.accesshub.domain.installation;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;

import java.util.Objects;
import java.util.Optional;

/**
 * The natural key of an installation: app + company + optional location. A key without a location is the
 * agency's (Company) installation; a key with one is that location's installation.
 */
public record InstallationKey(MarketplaceAppId appId, CompanyId companyId, Optional<LocationId> locationId) {

    public InstallationKey {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(locationId, "locationId");
    }

    /** The key of an agency-level installation. */
    public static InstallationKey forCompany(MarketplaceAppId appId, CompanyId companyId) {
        return new InstallationKey(appId, companyId, Optional.empty());
    }

    /** The key of a location-level installation. */
    public static InstallationKey forLocation(MarketplaceAppId appId, CompanyId companyId, LocationId locationId) {
        return new InstallationKey(appId, companyId, Optional.of(locationId));
    }

    /** Company when no location is named, Location otherwise. */
    public UserType userType() {
        return locationId.isPresent() ? UserType.LOCATION : UserType.COMPANY;
    }

    /** The key of the agency installation this key belongs to (itself for a company key). */
    public InstallationKey companyKey() {
        return forCompany(appId, companyId);
    }

    @Override
    public String toString() {
        return appId + "/" + companyId + locationId.map(l -> "/" + l).orElse("");
    }
}
