package io.accesshub.application.port.in;

import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;

import java.util.Objects;
import java.util.Optional;

/** Which installations an operator wants to see: every present criterion must match, within the caller's scope. */
public record InstallationQuery(Optional<MarketplaceAppId> appId, Optional<CompanyId> companyId,
                                Optional<LocationId> locationId, Optional<UserType> userType,
                                Optional<InstallationStatus> status, AccessScope scope) {

    private static final InstallationQuery ALL = new InstallationQuery(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), AccessScope.unrestricted());

    public InstallationQuery {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(userType, "userType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(scope, "scope");
    }

    /** Every installation. */
    public static InstallationQuery all() {
        return ALL;
    }

    public InstallationQuery withApp(MarketplaceAppId value) {
        return new InstallationQuery(Optional.of(value), companyId, locationId, userType, status, scope);
    }

    public InstallationQuery withCompany(CompanyId value) {
        return new InstallationQuery(appId, Optional.of(value), locationId, userType, status, scope);
    }

    public InstallationQuery withLocation(LocationId value) {
        return new InstallationQuery(appId, companyId, Optional.of(value), userType, status, scope);
    }

    /** Only location installations (an agency's own installation left out) or only agency installations. */
    public InstallationQuery withUserType(UserType value) {
        return new InstallationQuery(appId, companyId, locationId, Optional.of(value), status, scope);
    }

    public InstallationQuery withStatus(InstallationStatus value) {
        return new InstallationQuery(appId, companyId, locationId, userType, Optional.of(value), scope);
    }

    /** Only installations this scope sees. */
    public InstallationQuery within(AccessScope value) {
        return new InstallationQuery(appId, companyId, locationId, userType, status, value);
    }
}
