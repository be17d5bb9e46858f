package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;

import java.util.Objects;
import java.util.Optional;

/** Which installations to list: every present criterion must match (an empty filter matches all). */
public record InstallationFilter(Optional<MarketplaceAppId> appId, Optional<CompanyId> companyId,
                                 Optional<LocationId> locationId, Optional<UserType> userType,
                                 Optional<InstallationStatus> status) {

    private static final InstallationFilter ALL = new InstallationFilter(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public InstallationFilter {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(userType, "userType");
        Objects.requireNonNull(status, "status");
    }

    /** Matches every installation. */
    public static InstallationFilter all() {
        return ALL;
    }

    public InstallationFilter withApp(MarketplaceAppId value) {
        return new InstallationFilter(Optional.of(value), companyId, locationId, userType, status);
    }

    public InstallationFilter withCompany(CompanyId value) {
        return new InstallationFilter(appId, Optional.of(value), locationId, userType, status);
    }

    public InstallationFilter withLocation(LocationId value) {
        return new InstallationFilter(appId, companyId, Optional.of(value), userType, status);
    }

    public InstallationFilter withUserType(UserType value) {
        return new InstallationFilter(appId, companyId, locationId, Optional.of(value), status);
    }

    public InstallationFilter withStatus(InstallationStatus value) {
        return new InstallationFilter(appId, companyId, locationId, userType, Optional.of(value));
    }
}
