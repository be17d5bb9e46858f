package io.accesshub.application.port.out;

import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.PlanId;
import io.accesshub.domain.marketplace.UserType;
import java.util.Objects;
import java.util.Optional;

/**
 * Whom HighLevel issued a token pair to: an agency (Company) or one location, with what the install said, including
 * the app's plan when HighLevel names one.
 */
public record GrantedTo(UserType userType, CompanyId companyId, Optional<LocationId> locationId,
                        CompanyInstallDetails companyDetails, Optional<String> userId, Optional<PlanId> plan) {

    public GrantedTo {
        Objects.requireNonNull(userType, "userType");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(companyDetails, "companyDetails");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(plan, "plan");
        if (userType == UserType.LOCATION && locationId.isEmpty()) {
            throw new IllegalArgumentException("a Location token names its location");
        }
    }

    /** A grant that names no plan. */
    public GrantedTo(UserType userType, CompanyId companyId, Optional<LocationId> locationId,
                     CompanyInstallDetails companyDetails, Optional<String> userId) {
        this(userType, companyId, locationId, companyDetails, userId, Optional.empty());
    }
}
