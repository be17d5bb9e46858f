package io.accesshub.domain.testing;

import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** Small, fixed test data for domain tests. */
public final class DomainFixtures {

    public static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    public static final MarketplaceAppId APP = MarketplaceAppId.of("6650af1b2c3d4e5f60718293");
    public static final CompanyId COMPANY = CompanyId.of("5DP4iH6HLkQsiKESj6rh");
    public static final LocationId LOCATION = LocationId.of("ve9EPM428h8vShlRW1KT");
    public static final InstallationKey COMPANY_KEY = InstallationKey.forCompany(APP, COMPANY);
    public static final InstallationKey LOCATION_KEY = InstallationKey.forLocation(APP, COMPANY, LOCATION);
    public static final Duration DAY = Duration.ofSeconds(86_399);

    private DomainFixtures() {
    }

    public static InstallationId installationId(long n) {
        return InstallationId.of(new UUID(0L, n));
    }

    /** A stored location installation in the given status, last lifecycle change a day before {@link #NOW}. */
    public static Installation locationInstallation(InstallationStatus status) {
        return installation(installationId(1), LOCATION_KEY, status);
    }

    /** A stored company installation in the given status, approving no locations. */
    public static Installation companyInstallation(InstallationStatus status) {
        return installation(installationId(2), COMPANY_KEY, status);
    }

    public static Installation installation(InstallationId id, InstallationKey key, InstallationStatus status) {
        return Installation.rehydrate(id, key, CompanyInstallDetails.none(), status, reasonFor(status),
                NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(1)), 4L);
    }

    public static StateReason reasonFor(InstallationStatus status) {
        return Arrays.stream(StateReason.values()).filter(r -> r.status() == status).findFirst().orElseThrow();
    }

    /** A pair issued at {@code issuedAt}, expiring a day later, with a refresh token. */
    public static IssuedTokens pairIssuedAt(Instant issuedAt, String scopes) {
        return IssuedTokens.of(AccessToken.of("access-" + issuedAt.toEpochMilli()), issuedAt.plus(DAY),
                RefreshToken.of("refresh-" + issuedAt.toEpochMilli()), Scopes.parse(scopes), issuedAt);
    }

    /** A direct grant of the installation, issued at {@code issuedAt}. */
    public static Grant grant(InstallationId installationId, Instant issuedAt, String scopes) {
        return Grant.create(installationId, GrantSource.DIRECT_INSTALL, pairIssuedAt(issuedAt, scopes));
    }
}
