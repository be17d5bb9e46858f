package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.RefreshFailure;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MarketplaceGateway} must show, limited to behaviour both the in-memory fake and the real adapter
 * (against the simulator, grace window off) can honestly show; subclasses provide a started gateway and install codes.
 */
public abstract class MarketplaceGatewayContract {

    /** The gateway under test, ready to talk to its HighLevel. */
    protected abstract MarketplaceGateway gateway();

    /** The configured app the codes below belong to. */
    protected abstract MarketplaceAppId app();

    /** A fresh code from a Location install of {@code location}. */
    protected abstract AuthorizationCode locationInstallCode(LocationId location);

    /** A fresh code from an agency (Company) install that covers every location of the agency. */
    protected abstract AuthorizationCode agencyInstallCode();

    /** The agency's locations, at least three, in HighLevel's order. */
    protected abstract List<LocationId> agencyLocations();

    /** HighLevel now expects another client secret than the one the gateway sends (the secret was regenerated). */
    protected abstract void rotateClientSecretAtHighLevel();

    /** HighLevel expects the gateway's client secret again. */
    protected abstract void restoreClientSecretAtHighLevel();

    private static TokenExchangeOutcome.Issued issued(TokenExchangeOutcome outcome) {
        assertThat(outcome).isInstanceOf(TokenExchangeOutcome.Issued.class);
        return (TokenExchangeOutcome.Issued) outcome;
    }

    @Test
    void aCodeIsExchangedOnceForALocationGrant() {
        LocationId location = agencyLocations().get(0);
        AuthorizationCode code = locationInstallCode(location);

        TokenExchangeOutcome.Issued first = issued(gateway().exchangeAuthorizationCode(app(), code));
        TokenExchangeOutcome second = gateway().exchangeAuthorizationCode(app(), code);

        assertThat(first.grantedTo().userType()).isEqualTo(UserType.LOCATION);
        assertThat(first.grantedTo().locationId()).contains(location);
        assertThat(first.tokens().refreshToken()).isPresent();
        assertThat(first.tokens().accessTokenExpiresAt()).isAfter(first.tokens().issuedAt());
        assertThat(second).isInstanceOf(TokenExchangeOutcome.InvalidGrant.class);
    }

    @Test
    void aRefreshRotatesThePairAndTheSpentRefreshTokenIsThenAnInvalidGrant() {
        TokenExchangeOutcome.Issued installed = issued(gateway().exchangeAuthorizationCode(app(),
            locationInstallCode(agencyLocations().get(1))));
        RefreshToken original = installed.tokens().refreshToken().orElseThrow();

        TokenExchangeOutcome.Issued rotated = issued(gateway().refresh(app(), original, UserType.LOCATION));
        TokenExchangeOutcome reused = gateway().refresh(app(), original, UserType.LOCATION);

        RefreshToken next = rotated.tokens().refreshToken().orElseThrow();
        assertThat(next).isNotEqualTo(original);
        assertThat(rotated.tokens().accessToken()).isNotEqualTo(installed.tokens().accessToken());
        assertThat(rotated.grantedTo().locationId()).isEqualTo(installed.grantedTo().locationId());
        assertThat(reused).isInstanceOf(TokenExchangeOutcome.InvalidGrant.class);
        assertThat(reused.asRefreshFailure()).isPresent();
        assertThat(issued(gateway().refresh(app(), next, UserType.LOCATION)).tokens().refreshToken()).isPresent();
    }

    @Test
    void refusedClientCredentialsAreAnInvalidClientThatSpendsNeitherTheRefreshTokenNorTheCode() {
        TokenExchangeOutcome.Issued installed = issued(gateway().exchangeAuthorizationCode(app(),
            locationInstallCode(agencyLocations().get(0))));
        RefreshToken token = installed.tokens().refreshToken().orElseThrow();
        AuthorizationCode code = locationInstallCode(agencyLocations().get(1));

        rotateClientSecretAtHighLevel();
        TokenExchangeOutcome refused = gateway().refresh(app(), token, UserType.LOCATION);
        TokenExchangeOutcome refusedAgain = gateway().refresh(app(), token, UserType.LOCATION);
        TokenExchangeOutcome codeRefused = gateway().exchangeAuthorizationCode(app(), code);
        restoreClientSecretAtHighLevel();

        assertThat(refused).isInstanceOf(TokenExchangeOutcome.InvalidClient.class);
        assertThat(refusedAgain).isInstanceOf(TokenExchangeOutcome.InvalidClient.class);
        assertThat(codeRefused).isInstanceOf(TokenExchangeOutcome.InvalidClient.class);
        assertThat(((TokenExchangeOutcome.InvalidClient) refused).detail()).doesNotContain(token.value());
        assertThat(refused.asRefreshFailure()).as("not evidence of a lost grant").isPresent()
            .isNotEqualTo(Optional.of(RefreshFailure.REJECTED));
        TokenExchangeOutcome.Issued rotated = issued(gateway().refresh(app(), token, UserType.LOCATION));
        assertThat(rotated.tokens().refreshToken()).isPresent().isNotEqualTo(Optional.of(token));
        assertThat(issued(gateway().exchangeAuthorizationCode(app(), code)).grantedTo().locationId())
            .contains(agencyLocations().get(1));
    }

    @Test
    void aLocationTokenIsMintedWithTheAgencyTokenButNotWithALocationToken() {
        TokenExchangeOutcome.Issued agency = issued(gateway().exchangeAuthorizationCode(app(), agencyInstallCode()));
        assertThat(agency.grantedTo().userType()).isEqualTo(UserType.COMPANY);
        CompanyId company = agency.grantedTo().companyId();
        LocationId location = agencyLocations().get(2);
        AccessToken locationToken = issued(gateway().exchangeAuthorizationCode(app(),
            locationInstallCode(agencyLocations().get(0)))).tokens().accessToken();

        TokenExchangeOutcome refused = gateway().mintLocationToken(app(), locationToken, company, location);
        TokenExchangeOutcome.Issued minted = issued(gateway().mintLocationToken(app(),
            agency.tokens().accessToken(), company, location));

        assertThat(refused).isInstanceOf(TokenExchangeOutcome.Rejected.class);
        assertThat(minted.grantedTo().userType()).isEqualTo(UserType.LOCATION);
        assertThat(minted.grantedTo().locationId()).contains(location);
        assertThat(minted.grantedTo().companyId()).isEqualTo(company);
    }

    @Test
    void installedLocationsArePagedByOffsetUntilTheTotalIsRead() {
        TokenExchangeOutcome.Issued agency = issued(gateway().exchangeAuthorizationCode(app(), agencyInstallCode()));
        CompanyId company = agency.grantedTo().companyId();
        int pageSize = 2;
        List<LocationId> seen = new ArrayList<>();
        int total = -1;
        for (int offset = 0; total < 0 || offset < total; offset += pageSize) {
            InstalledLocationsOutcome outcome = gateway().installedLocations(app(), agency.tokens().accessToken(),
                company, offset, pageSize);
            assertThat(outcome).isInstanceOf(InstalledLocationsOutcome.Page.class);
            InstalledLocationsOutcome.Page page = (InstalledLocationsOutcome.Page) outcome;
            assertThat(page.locations()).hasSizeLessThanOrEqualTo(pageSize).isNotEmpty();
            assertThat(page.locations()).allMatch(InstalledLocationsOutcome.InstalledLocation::installed);
            page.locations().forEach(l -> seen.add(l.id()));
            total = page.totalCount();
        }

        Set<LocationId> distinct = new HashSet<>(seen);
        assertThat(seen).hasSize(distinct.size());
        assertThat(distinct).containsExactlyInAnyOrderElementsOf(agencyLocations());
        assertThat(total).isEqualTo(agencyLocations().size());
    }
}
