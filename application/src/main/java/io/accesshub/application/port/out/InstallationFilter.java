package io.accesshub.application.port.out;

import io.accesshub.domain.access.AccessScope;
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
                                 Optional<InstallationStatus> status, AccessScope scope) {

    private static final InstallationFilter ALL = new InstallationFilter(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), AccessScope.unrestricted());

    public InstallationFilter {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(userType, "userType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(scope, "scope");
    }

    /** Matches every installation. */
    public static InstallationFilter all() {
        return ALL;
    }

    public InstallationFilter withApp(MarketplaceAppId value) {
        return new InstallationFilter(Optional.of(value), companyId, locationId, userType, status, scope);
    }

    public InstallationFilter withCompany(CompanyId value) {
        return new InstallationFilter(appId, Optional.of(value), locationId, userType, status, scope);
    }

    public InstallationFilter withLocation(LocationId value) {
        return new InstallationFilter(appId, companyId, Optional.of(value), userType, status, scope);
    }

    public InstallationFilter withUserType(UserType value) {
        return new InstallationFilter(appId, companyId, locationId, Optional.of(value), status, scope);
    }

    public InstallationFilter withStatus(InstallationStatus value) {
        return new InstallationFilter(appId, companyId, locationId, userType, Optional.of(value), scope);
    }

    /** Only installations this scope sees ({@link AccessScope#permits}). */
    public InstallationFilter within(AccessScope value) {
        return new InstallationFilter(appId, companyId, locationId, userType, status, value);
    }
}
