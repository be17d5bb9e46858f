package io.accesshub.domain.exchange;

import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static io.accesshub.domain.testing.DomainFixtures.APP;
import static io.accesshub.domain.testing.DomainFixtures.COMPANY_KEY;
import static io.accesshub.domain.testing.DomainFixtures.LOCATION;
import static io.accesshub.domain.testing.DomainFixtures.LOCATION_KEY;
import static io.accesshub.domain.testing.DomainFixtures.NOW;
import static io.accesshub.domain.testing.DomainFixtures.installation;
import static io.accesshub.domain.testing.DomainFixtures.installationId;
import static io.accesshub.domain.testing.DomainFixtures.pairIssuedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompanyCascadeTest {

    @ParameterizedTest(name = "company {0}, location {1}, grant {2} -> {3}")
    @CsvSource({
            // company,     location,      location grant,      step
            "NEEDS_REAUTH, ACTIVE,       MINTED_FROM_COMPANY, MarkNeedsReauth",
            "NEEDS_REAUTH, DEGRADED,     MINTED_FROM_COMPANY, MarkNeedsReauth",
            "NEEDS_REAUTH, SUSPENDED,    MINTED_FROM_COMPANY, MarkNeedsReauth",
            "NEEDS_REAUTH, NEEDS_REAUTH, MINTED_FROM_COMPANY, Nothing",
            "NEEDS_REAUTH, ACTIVE,       DIRECT_INSTALL,      Nothing",
            "NEEDS_REAUTH, PENDING,      NONE,                Nothing",
            "UNINSTALLED,  ACTIVE,       MINTED_FROM_COMPANY, Uninstall",
            "UNINSTALLED,  NEEDS_REAUTH, MINTED_FROM_COMPANY, Uninstall",
            "UNINSTALLED,  ACTIVE,       DIRECT_INSTALL,      Nothing",
            "UNINSTALLED,  PENDING,      NONE,                Nothing",
            "ACTIVE,       ACTIVE,       MINTED_FROM_COMPANY, Nothing",
            "DEGRADED,     ACTIVE,       MINTED_FROM_COMPANY, Nothing",
            "SUSPENDED,    ACTIVE,       MINTED_FROM_COMPANY, Nothing",
    })
    void anAgencysLossCarriesOverOnlyToTheLocationGrantsMintedFromIt(InstallationStatus companyStatus,
                                                                     InstallationStatus locationStatus,
                                                                     String grantSource, String expectedStep) {
        Installation company = installation(installationId(2), COMPANY_KEY, companyStatus);
        Installation location = installation(installationId(1), LOCATION_KEY, locationStatus);
        Optional<Grant> grant = grantSource.equals("NONE") ? Optional.empty()
                : Optional.of(Grant.create(location.id(), GrantSource.valueOf(grantSource),
                pairIssuedAt(NOW, "contacts.readonly")));

        CascadeStep step = CompanyCascade.decide(company, location, grant);

        assertThat(step.getClass().getSimpleName()).isEqualTo(expectedStep);
        if (step instanceof CascadeStep.MarkNeedsReauth reauth) {
            assertThat(reauth.reason()).isEqualTo(StateReason.COMPANY_GRANT_LOST);
            assertThat(location.markNeedsReauth(reauth.reason(), NOW).status())
                    .isEqualTo(InstallationStatus.NEEDS_REAUTH);
        }
        if (step instanceof CascadeStep.Uninstall uninstall) {
            assertThat(uninstall.reason()).isEqualTo(StateReason.UNINSTALLED_WITH_COMPANY);
        }
    }

    @Test
    void aLocationOfAnotherCompanyIsNotCascadedTo() {
        Installation company = installation(installationId(2), COMPANY_KEY, InstallationStatus.UNINSTALLED);
        Installation foreign = installation(installationId(1),
                InstallationKey.forLocation(APP, CompanyId.of("other"), LOCATION), InstallationStatus.ACTIVE);

        assertThatThrownBy(() -> CompanyCascade.decide(company, foreign, Optional.empty()))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MISMATCHED_AGGREGATES));
    }

    @Test
    void theGrantMustBeTheLocations() {
        Installation company = installation(installationId(2), COMPANY_KEY, InstallationStatus.UNINSTALLED);
        Installation location = installation(installationId(1), LOCATION_KEY, InstallationStatus.ACTIVE);
        Grant othersGrant = Grant.create(installationId(77), GrantSource.MINTED_FROM_COMPANY,
                pairIssuedAt(NOW, "a"));

        assertThatThrownBy(() -> CompanyCascade.decide(company, location, Optional.of(othersGrant)))
                .isInstanceOf(DomainException.class);
    }

    @ParameterizedTest(name = "after the developer removed the agency ({0}), location {1} -> {2}")
    @CsvSource({
            "UNINSTALLED, ACTIVE,       Uninstall",
            "UNINSTALLED, PENDING,      Uninstall",
            "UNINSTALLED, NEEDS_REAUTH, Uninstall",
            "UNINSTALLED, UNINSTALLED,  Nothing",
            "ACTIVE,      ACTIVE,       Nothing",
    })
    void theDevelopersRemovalOfAnAgencyReachesEveryInstalledLocationWhateverItsGrant(
            InstallationStatus companyStatus, InstallationStatus locationStatus, String expectedStep) {
        Installation company = installation(installationId(2), COMPANY_KEY, companyStatus);
        Installation location = installation(installationId(1), LOCATION_KEY, locationStatus);

        CascadeStep step = CompanyCascade.decideAfterDeveloperRemoval(company, location);

        assertThat(step.getClass().getSimpleName()).isEqualTo(expectedStep);
        if (step instanceof CascadeStep.Uninstall uninstall) {
            assertThat(uninstall.reason()).isEqualTo(StateReason.UNINSTALLED_WITH_COMPANY);
        }
    }
}
