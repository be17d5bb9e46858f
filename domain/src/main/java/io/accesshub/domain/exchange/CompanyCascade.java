package io.accesshub.domain.exchange;

import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;

import java.util.Objects;
import java.util.Optional;

/**
 * The rule that carries an agency's loss to the location grants minted from it: when the agency (Company)
 * installation becomes NEEDS_REAUTH its minted location installations become NEEDS_REAUTH
 * ({@link StateReason#COMPANY_GRANT_LOST}); when it becomes UNINSTALLED they are uninstalled
 * ({@link StateReason#UNINSTALLED_WITH_COMPANY}). Locations installed directly (their own OAuth install) keep their
 * own grant and are left alone, as are locations already in the target state or unable to move to it; except after
 * the developer removed the app from the agency ({@link #decideAfterDeveloperRemoval}), which HighLevel applies to
 * every location of the agency.
 */
public final class CompanyCascade {

    private CompanyCascade() {
    }

    /**
     * Decides the step for one location installation of the same app and company.
     *
     * @param locationGrant the location's grant, if it has one
     * @throws DomainException {@link ErrorCode#MISMATCHED_AGGREGATES} when the location is not under the company
     *                         or the grant is not the location's
     */
    public static CascadeStep decide(Installation company, Installation location, Optional<Grant> locationGrant) {
        Objects.requireNonNull(locationGrant, "locationGrant");
        requireUnder(company, location);
        if (locationGrant.isPresent() && !locationGrant.get().installationId().equals(location.id())) {
            throw new DomainException(ErrorCode.MISMATCHED_AGGREGATES,
                    "grant of " + locationGrant.get().installationId() + " does not belong to " + location.id());
        }
        if (locationGrant.isEmpty() || locationGrant.get().source() != GrantSource.MINTED_FROM_COMPANY) {
            return new CascadeStep.Nothing("location " + location.id() + " holds no grant minted from its agency");
        }
        return switch (company.status()) {
            case NEEDS_REAUTH -> location.status().canMoveTo(InstallationStatus.NEEDS_REAUTH)
                    ? new CascadeStep.MarkNeedsReauth(StateReason.COMPANY_GRANT_LOST)
                    : new CascadeStep.Nothing("location " + location.id() + " is " + location.status());
            case UNINSTALLED -> location.status().isInstalled()
                    ? new CascadeStep.Uninstall(StateReason.UNINSTALLED_WITH_COMPANY)
                    : new CascadeStep.Nothing("location " + location.id() + " is already uninstalled");
            case PENDING, ACTIVE, DEGRADED, SUSPENDED ->
                    new CascadeStep.Nothing("company installation " + company.id() + " is " + company.status());
        };
    }

    /**
     * Decides the step for one location installation of the same app and company after the developer removed the app
     * from the agency: HighLevel removes it from all the agency's locations, so every installed location installation
     * is uninstalled ({@link StateReason#UNINSTALLED_WITH_COMPANY}) and its grant erased, minted or installed directly.
     *
     * @throws DomainException {@link ErrorCode#MISMATCHED_AGGREGATES} when the location is not under the company
     */
    public static CascadeStep decideAfterDeveloperRemoval(Installation company, Installation location) {
        requireUnder(company, location);
        if (company.status() != InstallationStatus.UNINSTALLED) {
            return new CascadeStep.Nothing("company installation " + company.id() + " is " + company.status());
        }
        return location.status().isInstalled()
                ? new CascadeStep.Uninstall(StateReason.UNINSTALLED_WITH_COMPANY)
                : new CascadeStep.Nothing("location " + location.id() + " is already uninstalled");
    }

    private static void requireUnder(Installation company, Installation location) {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(location, "location");
        if (company.userType() != UserType.COMPANY || location.userType() != UserType.LOCATION
                || !location.key().companyKey().equals(company.key())) {
            throw new DomainException(ErrorCode.MISMATCHED_AGGREGATES,
                    "installation " + location.id() + " is not a location under company installation " + company.id());
        }
    }
}
