package io.accesshub.domain.exchange;

import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.Scope;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;

import java.util.Objects;

/**
 * The agency-to-location exchange rule: a location token may be minted through {@code /oauth/locationToken} only
 * from the grant of an agency (Company) installation of the same app and the same company, holding
 * {@code oauth.write}, whose installation is ACTIVE or DEGRADED.
 *
 * <p>DEGRADED is accepted because it only means the agency's last refresh met a passing outage: HighLevel has
 * revoked nothing and the agency's access token may still be valid. PENDING (no grant yet), SUSPENDED,
 * NEEDS_REAUTH and UNINSTALLED are refused. Whether the agency's access token is still usable right now is not
 * this rule's concern: the caller checks {@code RefreshTiming.isUsableAt} and refreshes the agency grant first.
 */
public final class LocationTokenPolicy {

    private LocationTokenPolicy() {
    }

    /**
     * Decides whether {@code location} may get a token minted from {@code company}'s grant.
     *
     * @throws DomainException {@link ErrorCode#MISMATCHED_AGGREGATES} when the grant is not the company
     *                         installation's, {@link ErrorCode#WRONG_USER_TYPE} when the target is not a location
     */
    public static LocationTokenDecision decide(Installation company, Grant companyGrant, InstallationKey location) {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(companyGrant, "companyGrant");
        Objects.requireNonNull(location, "location");
        if (!companyGrant.installationId().equals(company.id())) {
            throw new DomainException(ErrorCode.MISMATCHED_AGGREGATES,
                    "grant of " + companyGrant.installationId() + " does not belong to installation " + company.id());
        }
        if (location.userType() != UserType.LOCATION) {
            throw new DomainException(ErrorCode.WRONG_USER_TYPE,
                    "a location token can only be minted for a location, not for " + location);
        }
        if (company.userType() != UserType.COMPANY) {
            return refused(LocationTokenDecision.Reason.NOT_A_COMPANY_INSTALLATION,
                    "installation " + company.id() + " is a location installation");
        }
        if (!company.key().appId().equals(location.appId())) {
            return refused(LocationTokenDecision.Reason.OTHER_APP,
                    "installation " + company.id() + " belongs to app " + company.key().appId() + ", not "
                            + location.appId());
        }
        if (!company.key().companyId().equals(location.companyId())) {
            return refused(LocationTokenDecision.Reason.OTHER_COMPANY,
                    "installation " + company.id() + " belongs to company " + company.key().companyId() + ", not "
                            + location.companyId());
        }
        InstallationStatus status = company.status();
        if (status != InstallationStatus.ACTIVE && status != InstallationStatus.DEGRADED) {
            return refused(LocationTokenDecision.Reason.COMPANY_NOT_ACTIVE,
                    "company installation " + company.id() + " is " + status);
        }
        if (!companyGrant.scopes().covers(Scope.OAUTH_WRITE)) {
            return refused(LocationTokenDecision.Reason.MISSING_OAUTH_WRITE,
                    "company grant of " + company.id() + " lacks " + Scope.OAUTH_WRITE);
        }
        return new LocationTokenDecision.Allowed(company.id(), location);
    }

    private static LocationTokenDecision refused(LocationTokenDecision.Reason reason, String explanation) {
        return new LocationTokenDecision.Refused(reason, explanation);
    }
}
