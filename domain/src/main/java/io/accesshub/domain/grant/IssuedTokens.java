package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token pair as HighLevel just issued it (code exchange, refresh or location mint): the access token and its
 * expiry, the refresh token when one came back, the scopes, and when it was issued (the refresh token's birth).
 */
public record IssuedTokens(AccessToken accessToken, Instant accessTokenExpiresAt,
                           Optional<RefreshToken> refreshToken, Scopes scopes, Instant issuedAt) {

    public IssuedTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(issuedAt, "issuedAt");
        DomainException.require(accessTokenExpiresAt.isAfter(issuedAt),
                "access token must expire after it was issued");
    }

    /** A pair with a refresh token. */
    public static IssuedTokens of(AccessToken accessToken, Instant accessTokenExpiresAt, RefreshToken refreshToken,
                                  Scopes scopes, Instant issuedAt) {
        return new IssuedTokens(accessToken, accessTokenExpiresAt, Optional.of(refreshToken), scopes, issuedAt);
    }

    /** An access token without a refresh token (a location mint that returned none). */
    public static IssuedTokens withoutRefreshToken(AccessToken accessToken, Instant accessTokenExpiresAt,
                                                   Scopes scopes, Instant issuedAt) {
        return new IssuedTokens(accessToken, accessTokenExpiresAt, Optional.empty(), scopes, issuedAt);
    }

    @Override
    public String toString() {
        return "IssuedTokens[expiresAt=" + accessTokenExpiresAt + ", refreshToken="
                + (refreshToken.isPresent() ? "present" : "absent") + ", scopes=" + scopes + ", issuedAt=" + issuedAt
                + "]";
    }
}
