package io.accesshub.application.testdata;

import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.RefreshBookkeeping;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.InstallationId;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Builds grants for tests: {@code aLocationGrant().forInstallation(id).expiringIn(5, MINUTES).build()}. Token
 * values are unique; the pair is issued about a day before it expires, like HighLevel's ({@code expires_in}
 * 86399 s), relative to {@link TestTimes#NOW}.
 */
public final class GrantMother {

    /** HighLevel's access token life. */
    public static final Duration ACCESS_TOKEN_LIFE = Duration.ofSeconds(86_399);

    private InstallationId installationId = TestIds.installationId();
    private GrantSource source = GrantSource.DIRECT_INSTALL;
    private AccessToken accessToken = AccessToken.of("at-" + TestIds.randomText(40));
    private Optional<RefreshToken> refreshToken = Optional.of(RefreshToken.of("rt-" + TestIds.randomText(40)));
    private Instant issuedAt = TestTimes.NOW.minus(Duration.ofHours(2));
    private Instant accessTokenExpiresAt = issuedAt.plus(ACCESS_TOKEN_LIFE);
    private Scopes scopes = Scopes.parse("contacts.readonly contacts.write locations.readonly");
    private RefreshBookkeeping bookkeeping = RefreshBookkeeping.none();
    private long version = 0L;

    private GrantMother() {
    }

    /** A directly installed location grant, issued two hours before {@link TestTimes#NOW}. */
    public static GrantMother aLocationGrant() {
        return new GrantMother();
    }

    /** A directly installed agency grant holding {@code oauth.write} and {@code oauth.readonly}. */
    public static GrantMother aCompanyGrant() {
        return new GrantMother().withScopes("oauth.write oauth.readonly locations.readonly companies.readonly");
    }

    /** A location grant minted from the agency's grant. */
    public static GrantMother aMintedLocationGrant() {
        return new GrantMother().withSource(GrantSource.MINTED_FROM_COMPANY);
    }

    public GrantMother forInstallation(InstallationId value) {
        this.installationId = value;
        return this;
    }

    public GrantMother withSource(GrantSource value) {
        this.source = value;
        return this;
    }

    public GrantMother withAccessToken(String value) {
        this.accessToken = AccessToken.of(value);
        return this;
    }

    public GrantMother withRefreshToken(String value) {
        this.refreshToken = Optional.of(RefreshToken.of(value));
        return this;
    }

    public GrantMother withoutRefreshToken() {
        this.refreshToken = Optional.empty();
        return this;
    }

    public GrantMother withScopes(String spaceSeparated) {
        this.scopes = Scopes.parse(spaceSeparated);
        return this;
    }

    /** The access token expires {@code amount} units after {@link TestTimes#NOW} (negative: already expired). */
    public GrantMother expiringIn(long amount, ChronoUnit unit) {
        this.accessTokenExpiresAt = TestTimes.NOW.plus(amount, unit);
        this.issuedAt = accessTokenExpiresAt.minus(ACCESS_TOKEN_LIFE);
        return this;
    }

    /** The pair was issued {@code age} before {@link TestTimes#NOW}; the access token expires a day later. */
    public GrantMother issuedAgo(Duration age) {
        this.issuedAt = TestTimes.NOW.minus(age);
        this.accessTokenExpiresAt = issuedAt.plus(ACCESS_TOKEN_LIFE);
        return this;
    }

    public GrantMother issuedAt(Instant value) {
        this.issuedAt = value;
        return this;
    }

    public GrantMother accessTokenExpiresAt(Instant value) {
        this.accessTokenExpiresAt = value;
        return this;
    }

    public GrantMother withBookkeeping(RefreshBookkeeping value) {
        this.bookkeeping = value;
        return this;
    }

    public GrantMother withVersion(long value) {
        this.version = value;
        return this;
    }

    public Grant build() {
        return Grant.rehydrate(installationId, source, accessToken, accessTokenExpiresAt, refreshToken, issuedAt,
                scopes, bookkeeping, version);
    }
}
