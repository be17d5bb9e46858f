package io.accesshub.domain.exchange;

import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.accesshub.domain.testing.DomainFixtures.APP;
import static io.accesshub.domain.testing.DomainFixtures.COMPANY;
import static io.accesshub.domain.testing.DomainFixtures.COMPANY_KEY;
import static io.accesshub.domain.testing.DomainFixtures.LOCATION;
import static io.accesshub.domain.testing.DomainFixtures.LOCATION_KEY;
import static io.accesshub.domain.testing.DomainFixtures.NOW;
import static io.accesshub.domain.testing.DomainFixtures.grant;
import static io.accesshub.domain.testing.DomainFixtures.installation;
import static io.accesshub.domain.testing.DomainFixtures.installationId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocationTokenPolicyTest {

    private static final String WITH_WRITE = "oauth.write oauth.readonly locations.readonly";

    @ParameterizedTest(name = "company {0}, source {1}, same app {2}, same company {3}, scopes \"{4}\" -> {5}")
    @CsvSource(delimiter = '|', value = {
            // company status | source is     | same app | same company | scopes                       | decision
            "ACTIVE           | COMPANY       | true     | true         | " + WITH_WRITE + "           | ALLOWED",
            "DEGRADED         | COMPANY       | true     | true         | " + WITH_WRITE + "           | ALLOWED",
            "PENDING          | COMPANY       | true     | true         | " + WITH_WRITE + "           | COMPANY_NOT_ACTIVE",
            "SUSPENDED        | COMPANY       | true     | true         | " + WITH_WRITE + "           | COMPANY_NOT_ACTIVE",
            "NEEDS_REAUTH     | COMPANY       | true     | true         | " + WITH_WRITE + "           | COMPANY_NOT_ACTIVE",
            "UNINSTALLED      | COMPANY       | true     | true         | " + WITH_WRITE + "           | COMPANY_NOT_ACTIVE",
            "ACTIVE           | COMPANY       | true     | true         | oauth.readonly contacts.write | MISSING_OAUTH_WRITE",
            "ACTIVE           | COMPANY       | true     | true         | ''                           | MISSING_OAUTH_WRITE",
            "ACTIVE           | COMPANY       | true     | false        | " + WITH_WRITE + "           | OTHER_COMPANY",
            "ACTIVE           | COMPANY       | false    | true         | " + WITH_WRITE + "           | OTHER_APP",
            "ACTIVE           | LOCATION      | true     | true         | " + WITH_WRITE + "           | NOT_A_COMPANY_INSTALLATION",
            "NEEDS_REAUTH     | COMPANY       | true     | false        | ''                           | OTHER_COMPANY",
    })
    void aLocationTokenIsMintedOnlyFromAnActiveCompanyGrantOfTheSameCompanyHoldingOauthWrite(
            InstallationStatus status, String sourceType, boolean sameApp, boolean sameCompany, String scopes,
            String expected) {
        InstallationKey sourceKey = sourceType.equals("COMPANY") ? COMPANY_KEY
                : InstallationKey.forLocation(APP, COMPANY, io.accesshub.domain.marketplace.LocationId.of("other"));
        Installation source = installation(installationId(2), sourceKey, status);
        Grant sourceGrant = grant(source.id(), NOW.minusSeconds(3600), scopes);
        InstallationKey target = InstallationKey.forLocation(
                sameApp ? APP : MarketplaceAppId.of("anotherApp"),
                sameCompany ? COMPANY : CompanyId.of("anotherCompany"), LOCATION);

        LocationTokenDecision decision = LocationTokenPolicy.decide(source, sourceGrant, target);

        if (expected.equals("ALLOWED")) {
            assertThat(decision).isEqualTo(new LocationTokenDecision.Allowed(source.id(), target));
            assertThat(decision.isAllowed()).isTrue();
        } else {
            assertThat(decision).isInstanceOfSatisfying(LocationTokenDecision.Refused.class, refused -> {
                assertThat(refused.reason()).isEqualTo(LocationTokenDecision.Reason.valueOf(expected));
                assertThat(refused.explanation()).isNotBlank();
            });
            assertThat(decision.isAllowed()).isFalse();
        }
    }

    @Test
    void theGrantMustBelongToTheCompanyInstallation() {
        Installation company = installation(installationId(2), COMPANY_KEY, InstallationStatus.ACTIVE);
        Grant foreignGrant = grant(installationId(99), NOW, WITH_WRITE);

        assertThatThrownBy(() -> LocationTokenPolicy.decide(company, foreignGrant, LOCATION_KEY))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MISMATCHED_AGGREGATES));
    }

    @Test
    void theTargetMustBeALocation() {
        Installation company = installation(installationId(2), COMPANY_KEY, InstallationStatus.ACTIVE);
        Grant companyGrant = grant(company.id(), NOW, WITH_WRITE);

        assertThatThrownBy(() -> LocationTokenPolicy.decide(company, companyGrant, COMPANY_KEY))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.WRONG_USER_TYPE));
    }
}
