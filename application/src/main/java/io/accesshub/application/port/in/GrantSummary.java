package io.accesshub.application.port.in;

import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.Scopes;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What an operator may see of a grant: never a token, only its shape, ages and refresh history. */
public record GrantSummary(GrantSource source, Scopes scopes, Instant accessTokenExpiresAt, Instant issuedAt,
                           boolean hasRefreshToken, Duration refreshTokenAge, Optional<Instant> lastRefreshedAt,
                           Optional<Instant> lastAttemptAt, int consecutiveFailures) {

    public GrantSummary {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(refreshTokenAge, "refreshTokenAge");
        Objects.requireNonNull(lastRefreshedAt, "lastRefreshedAt");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
    }
}
