package io.accesshub.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessScopeTest {

    private static final MarketplaceAppId APP = MarketplaceAppId.of("app0000000000000000000001");
    private static final MarketplaceAppId OTHER_APP = MarketplaceAppId.of("app0000000000000000000002");
    private static final CompanyId A = CompanyId.of("company-a");
    private static final CompanyId B = CompanyId.of("company-b");
    private static final LocationId L1 = LocationId.of("location-1");
    private static final LocationId L2 = LocationId.of("location-2");

    static Stream<Arguments> cases() {
        AccessScope none = AccessScope.unrestricted();
        AccessScope companyA = new AccessScope(Set.of(), Set.of(A), Set.of());
        AccessScope location1 = new AccessScope(Set.of(), Set.of(), Set.of(L1));
        AccessScope appOnly = new AccessScope(Set.of(APP), Set.of(), Set.of());
        AccessScope appAndCompanyA = new AccessScope(Set.of(APP), Set.of(A), Set.of());
        AccessScope companyBOrLocation1 = new AccessScope(Set.of(), Set.of(B), Set.of(L1));
        return Stream.of(
            Arguments.of("unrestricted sees an agency", none, InstallationKey.forCompany(APP, A), true),
            Arguments.of("unrestricted sees a location", none, InstallationKey.forLocation(OTHER_APP, B, L2), true),
            Arguments.of("company A sees its agency", companyA, InstallationKey.forCompany(APP, A), true),
            Arguments.of("company A sees its locations", companyA, InstallationKey.forLocation(APP, A, L2), true),
            Arguments.of("company A does not see B's agency", companyA, InstallationKey.forCompany(APP, B), false),
            Arguments.of("company A does not see B's location", companyA, InstallationKey.forLocation(APP, B, L1),
                false),
            Arguments.of("a location key sees that location", location1, InstallationKey.forLocation(APP, B, L1), true),
            Arguments.of("a location key sees no other", location1, InstallationKey.forLocation(APP, B, L2), false),
            Arguments.of("a location key sees no agency", location1, InstallationKey.forCompany(APP, B), false),
            Arguments.of("an app key sees its app", appOnly, InstallationKey.forLocation(APP, B, L2), true),
            Arguments.of("an app key sees no other app", appOnly, InstallationKey.forCompany(OTHER_APP, A), false),
            Arguments.of("app and company: both must hold", appAndCompanyA, InstallationKey.forCompany(OTHER_APP, A),
                false),
            Arguments.of("app and company: both hold", appAndCompanyA, InstallationKey.forLocation(APP, A, L2), true),
            Arguments.of("companies and locations add up", companyBOrLocation1,
                InstallationKey.forLocation(APP, A, L1), true),
            Arguments.of("companies and locations add up (company)", companyBOrLocation1,
                InstallationKey.forLocation(APP, B, L2), true),
            Arguments.of("companies and locations add up (neither)", companyBOrLocation1,
                InstallationKey.forLocation(APP, A, L2), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void permits(String name, AccessScope scope, InstallationKey key, boolean expected) {
        assertThat(scope.permits(key)).isEqualTo(expected);
    }

    @Test
    void aLocationOfAnUnknownCompanyIsSeenOnlyByKeysThatDoNotNeedItsCompany() {
        assertThat(AccessScope.unrestricted().permitsLocationOfAnyCompany(L1)).isTrue();
        assertThat(new AccessScope(Set.of(APP), Set.of(), Set.of()).permitsLocationOfAnyCompany(L1)).isTrue();
        assertThat(new AccessScope(Set.of(), Set.of(B), Set.of(L1)).permitsLocationOfAnyCompany(L1)).isTrue();
        assertThat(new AccessScope(Set.of(), Set.of(B), Set.of(L1)).permitsLocationOfAnyCompany(L2)).isFalse();
        assertThat(new AccessScope(Set.of(), Set.of(A), Set.of()).permitsLocationOfAnyCompany(L1)).isFalse();
    }
}
