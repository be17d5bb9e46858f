package io.accesshub.application.port.out;

import io.accesshub.application.testdata.InstallationMother;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.accesshub.application.testdata.GrantMother.aCompanyGrant;
import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.GrantMother.aMintedLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static io.accesshub.application.testdata.InstallationMother.anInstallation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link TokenReads} must show; run against the in-memory fake and the real database. Subclass it
 * and implement the three factories; the installation and grant repositories must share the store read by
 * {@link #newReads()}.
 *
 * <p>Tests use fresh identifiers and never assume an empty store.
 */
public abstract class TokenReadsContract {

    protected TokenReads reads;
    protected InstallationRepository installations;
    protected GrantRepository grants;

    /** The reads under test; called before each test. */
    protected abstract TokenReads newReads();

    /** The installation repository sharing the store with {@link #newReads()}. */
    protected abstract InstallationRepository installationRepository();

    /** The grant repository sharing the store with {@link #newReads()}. */
    protected abstract GrantRepository grantRepository();

    @BeforeEach
    void setUpReads() {
        installations = installationRepository();
        grants = grantRepository();
        reads = newReads();
    }

    @Test
    void aLocationIsReadWithItsStateAndItsAccessToken() {
        Installation installation = installations.add(anInstallation().withStatus(InstallationStatus.DEGRADED).build());
        Grant grant = grants.add(aLocationGrant().forInstallation(installation.id())
                .withAccessToken("access-" + TestIds.randomText(40))
                .accessTokenExpiresAt(Instant.parse("2026-11-22T08:59:59.654321Z"))
                .issuedAt(Instant.parse("2026-11-21T09:00:00.000001Z"))
                .withScopes("locations.readonly contacts.write contacts.readonly")
                .build());

        TokenView view = reads.location(installation.key().appId(), installation.key().locationId().orElseThrow())
                .orElseThrow();

        assertThat(view.installationId()).isEqualTo(installation.id());
        assertThat(view.key()).isEqualTo(installation.key());
        assertThat(view.status()).isEqualTo(InstallationStatus.DEGRADED);
        assertThat(view.reason()).isEqualTo(installation.reason());
        TokenView.Access access = view.access().orElseThrow();
        assertThat(access.accessToken()).isEqualTo(grant.accessToken());
        assertThat(access.expiresAt()).isEqualTo(Instant.parse("2026-11-22T08:59:59.654321Z"));
        assertThat(access.scopes()).isEqualTo(Scopes.parse("contacts.readonly contacts.write locations.readonly"));
        assertThat(access.source()).isEqualTo(GrantSource.DIRECT_INSTALL);
    }

    @Test
    void aLocationIsFoundByItsKeyAsByItsLocationId() {
        Installation installation = installations.add(anInstallation().build());
        grants.add(aLocationGrant().forInstallation(installation.id()).build());

        Optional<TokenView> byKey = reads.installation(installation.key());

        assertThat(byKey).isPresent();
        assertThat(byKey).isEqualTo(
                reads.location(installation.key().appId(), installation.key().locationId().orElseThrow()));
    }

    @Test
    void anAgencyIsReadByItsKey() {
        Installation company = installations.add(aCompanyInstallation().build());
        Grant grant = grants.add(aCompanyGrant().forInstallation(company.id()).build());

        TokenView view = reads.installation(company.key()).orElseThrow();

        assertThat(view.installationId()).isEqualTo(company.id());
        assertThat(view.key()).isEqualTo(InstallationKey.forCompany(company.key().appId(), company.key().companyId()));
        assertThat(view.key().locationId()).isEmpty();
        assertThat(view.access().orElseThrow().accessToken()).isEqualTo(grant.accessToken());
        assertThat(view.access().orElseThrow().scopes()).isEqualTo(grant.scopes());
    }

    @Test
    void aMintedGrantWithoutRefreshTokenIsRead() {
        Installation installation = installations.add(anInstallation().build());
        Grant grant = grants.add(aMintedLocationGrant().forInstallation(installation.id()).withoutRefreshToken().build());

        TokenView.Access access = reads.installation(installation.key()).orElseThrow().access().orElseThrow();

        assertThat(access.accessToken()).isEqualTo(grant.accessToken());
        assertThat(access.source()).isEqualTo(GrantSource.MINTED_FROM_COMPANY);
    }

    @ParameterizedTest
    @EnumSource(InstallationStatus.class)
    void anInstallationWithoutGrantIsReadWithItsStateAndNoAccess(InstallationStatus status) {
        Installation installation = installations.add(anInstallation().withStatus(status).build());

        TokenView view = reads.location(installation.key().appId(), installation.key().locationId().orElseThrow())
                .orElseThrow();

        assertThat(view.status()).isEqualTo(status);
        assertThat(view.reason()).isEqualTo(InstallationMother.firstReasonFor(status));
        assertThat(view.access()).isEmpty();
        assertThat(reads.installation(installation.key())).contains(view);
    }

    @Test
    void aRotatedTokenIsReadAfterTheUpdate() {
        Installation installation = installations.add(anInstallation().build());
        Grant stored = grants.add(aLocationGrant().forInstallation(installation.id()).build());
        Instant now = TestTimes.NOW;
        IssuedTokens pair = IssuedTokens.of(AccessToken.of("rotated-" + TestIds.randomText(20)),
                now.plus(Duration.ofSeconds(86_399)), RefreshToken.of("rotated-refresh-" + TestIds.randomText(20)),
                Scopes.parse("contacts.readonly"), now);
        grants.update(stored.rotate(pair));

        TokenView.Access access = reads.installation(installation.key()).orElseThrow().access().orElseThrow();

        assertThat(access.accessToken()).isEqualTo(pair.accessToken());
        assertThat(access.expiresAt()).isEqualTo(pair.accessTokenExpiresAt());
        assertThat(access.scopes()).isEqualTo(Scopes.parse("contacts.readonly"));
    }

    @Test
    void nothingIsFoundForUnknownLocationsAndKeys() {
        Installation installation = installations.add(anInstallation().build());
        InstallationKey key = installation.key();
        LocationId location = key.locationId().orElseThrow();

        assertThat(reads.location(key.appId(), TestIds.locationId())).isEmpty();
        assertThat(reads.location(TestIds.appId(), location)).isEmpty();
        assertThat(reads.installation(InstallationKey.forLocation(key.appId(), TestIds.companyId(), location)))
                .isEmpty();
        assertThat(reads.installation(InstallationKey.forLocation(TestIds.appId(), key.companyId(), location)))
                .isEmpty();
        assertThat(reads.installation(key.companyKey())).isEmpty();
    }

    @Test
    void aLocationReadNeverReturnsTheAgencyAndAnAgencyReadNeverALocation() {
        MarketplaceAppId app = TestIds.appId();
        CompanyId companyId = TestIds.companyId();
        Installation company = installations.add(aCompanyInstallation().ofApp(app).ofCompany(companyId).build());
        Installation location = installations.add(anInstallation().ofApp(app).ofCompany(companyId).build());

        assertThat(reads.installation(company.key()).map(TokenView::installationId)).contains(company.id());
        assertThat(reads.installation(location.key()).map(TokenView::installationId)).contains(location.id());
        assertThat(reads.location(app, location.key().locationId().orElseThrow()).map(TokenView::installationId))
                .contains(location.id());
    }

    @Test
    void aLocationInstalledUnderTwoCompaniesIsReadFromTheLowestInstallationId() {
        MarketplaceAppId app = TestIds.appId();
        LocationId location = TestIds.locationId();
        List<InstallationId> ids = List.of(TestIds.installationId(), TestIds.installationId());
        for (InstallationId id : ids) {
            installations.add(anInstallation().withId(id).ofApp(app).ofCompany(TestIds.companyId())
                    .forLocation(location).build());
        }

        assertThat(reads.location(app, location).map(TokenView::installationId))
                .contains(ids.stream().min(InstallationId::compareTo).orElseThrow());
        assertThat(reads.location(app, location).map(TokenView::installationId))
                .isEqualTo(installations.findLocation(app, location).map(Installation::id));
    }

    @Test
    void twoLocationsOfOneCompanyStayApart() {
        MarketplaceAppId app = TestIds.appId();
        CompanyId companyId = TestIds.companyId();
        Installation first = installations.add(anInstallation().ofApp(app).ofCompany(companyId).build());
        Installation second = installations.add(anInstallation().ofApp(app).ofCompany(companyId).build());
        Grant firstGrant = grants.add(aLocationGrant().forInstallation(first.id()).build());
        Grant secondGrant = grants.add(aLocationGrant().forInstallation(second.id()).build());

        assertThat(reads.installation(first.key()).orElseThrow().access().orElseThrow().accessToken())
                .isEqualTo(firstGrant.accessToken());
        assertThat(reads.installation(second.key()).orElseThrow().access().orElseThrow().accessToken())
                .isEqualTo(secondGrant.accessToken());
    }
}
