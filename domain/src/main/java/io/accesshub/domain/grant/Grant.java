package io.accesshub.domain.grant;

import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens of one installation: an aggregate of its own, keyed by {@link InstallationId} (at most one grant per
 * installation), holding the current access token with its expiry, the refresh token (absent only for a location
 * mint that returned none) with the pair's issue time, the scopes, the source and the refresh bookkeeping.
 *
 * <p>Separate from the installation because it changes on every refresh, under a refresh lease and fencing
 * counter, while the installation's lifecycle changes from webhooks; each is saved with its own optimistic
 * {@code version}. An installation that is not installed has no grant (uninstalling deletes it).
 *
 * <p>The domain holds plaintext token values; the persistence adapter encrypts them. Immutable; {@link
 * #toString()} never shows a token; {@link #equals(Object)} compares all stored state.
 */
public final class Grant {

    private final InstallationId installationId;
    private final GrantSource source;
    private final AccessToken accessToken;
    private final Instant accessTokenExpiresAt;
    private final Optional<RefreshToken> refreshToken;
    private final Instant issuedAt;
    private final Scopes scopes;
    private final RefreshBookkeeping bookkeeping;
    private final long version;

    private Grant(InstallationId installationId, GrantSource source, AccessToken accessToken,
                  Instant accessTokenExpiresAt, Optional<RefreshToken> refreshToken, Instant issuedAt, Scopes scopes,
                  RefreshBookkeeping bookkeeping, long version) {
        this.installationId = Objects.requireNonNull(installationId, "installationId");
        this.source = Objects.requireNonNull(source, "source");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.accessTokenExpiresAt = Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.bookkeeping = Objects.requireNonNull(bookkeeping, "bookkeeping");
        this.version = version;
        DomainException.require(accessTokenExpiresAt.isAfter(issuedAt),
                "access token must expire after it was issued");
        DomainException.require(version >= 0, "version must not be negative");
    }

    /** The first grant of an installation, from a code exchange or a mint. */
    public static Grant create(InstallationId installationId, GrantSource source, IssuedTokens tokens) {
        Objects.requireNonNull(tokens, "tokens");
        return new Grant(installationId, source, tokens.accessToken(), tokens.accessTokenExpiresAt(),
                tokens.refreshToken(), tokens.issuedAt(), tokens.scopes(), RefreshBookkeeping.none(), 0L);
    }

    /** A grant as stored; applies no creation rules. */
    public static Grant rehydrate(InstallationId installationId, GrantSource source, AccessToken accessToken,
                                  Instant accessTokenExpiresAt, Optional<RefreshToken> refreshToken,
                                  Instant issuedAt, Scopes scopes, RefreshBookkeeping bookkeeping, long version) {
        return new Grant(installationId, source, accessToken, accessTokenExpiresAt, refreshToken, issuedAt, scopes,
                bookkeeping, version);
    }

    /**
     * A refresh (or a fresh code exchange) returned a new pair: it replaces the old one entirely (the old refresh
     * token is dead), the source stays, failures reset and the refresh time is recorded.
     */
    public Grant rotate(IssuedTokens tokens) {
        return replaceWith(tokens, source);
    }

    /** A new location token was minted from the agency's grant: it replaces the pair and the source becomes minted. */
    public Grant remint(IssuedTokens tokens) {
        return replaceWith(tokens, GrantSource.MINTED_FROM_COMPANY);
    }

    /** A new install delivered a pair through the OAuth callback: it replaces the pair, the source becomes direct. */
    public Grant reissue(IssuedTokens tokens) {
        return replaceWith(tokens, GrantSource.DIRECT_INSTALL);
    }

    /**
     * HighLevel issued {@code tokens} for this grant: they replace the pair. Which pair is newer is settled by the
     * fenced completion (the stored refresh token must still be the one the new pair was obtained for), never by
     * clocks: when the receiving instance's clock is behind the one that stamped the current pair, the new pair is
     * taken as issued at the current pair's time, so that a pair HighLevel gave us is never refused for a clock skew.
     */
    private Grant replaceWith(IssuedTokens tokens, GrantSource newSource) {
        Objects.requireNonNull(tokens, "tokens");
        Instant issued = tokens.issuedAt();
        if (issued.isBefore(issuedAt) && tokens.accessTokenExpiresAt().isAfter(issuedAt)) {
            issued = issuedAt;
        }
        return new Grant(installationId, newSource, tokens.accessToken(), tokens.accessTokenExpiresAt(),
                tokens.refreshToken(), issued, tokens.scopes(), bookkeeping.succeededAt(issued), version);
    }

    /** Whether the access token has not yet expired at {@code now} (no safety margin; see {@link RefreshTiming}). */
    public boolean accessTokenValidAt(Instant now) {
        return now.isBefore(accessTokenExpiresAt);
    }

    public InstallationId installationId() {
        return installationId;
    }

    public GrantSource source() {
        return source;
    }

    public AccessToken accessToken() {
        return accessToken;
    }

    public Instant accessTokenExpiresAt() {
        return accessTokenExpiresAt;
    }

    /** The refresh token, absent only when a location mint returned none. */
    public Optional<RefreshToken> refreshToken() {
        return refreshToken;
    }

    /** When HighLevel issued the current pair: the access token's issue time and the refresh token's birth. */
    public Instant issuedAt() {
        return issuedAt;
    }

    public Scopes scopes() {
        return scopes;
    }

    public RefreshBookkeeping bookkeeping() {
        return bookkeeping;
    }

    /** The optimistic-locking version this state was loaded with (0 for a new grant). */
    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Grant other)) {
            return false;
        }
        return version == other.version && installationId.equals(other.installationId) && source == other.source
                && accessToken.equals(other.accessToken) && accessTokenExpiresAt.equals(other.accessTokenExpiresAt)
                && refreshToken.equals(other.refreshToken) && issuedAt.equals(other.issuedAt)
                && scopes.equals(other.scopes) && bookkeeping.equals(other.bookkeeping);
    }

    @Override
    public int hashCode() {
        return Objects.hash(installationId, source, accessToken, accessTokenExpiresAt, refreshToken, issuedAt, scopes,
                bookkeeping, version);
    }

    @Override
    public String toString() {
        return "Grant[" + installationId + " " + source + " expiresAt=" + accessTokenExpiresAt + " refreshToken="
                + (refreshToken.isPresent() ? "present" : "absent") + " issuedAt=" + issuedAt + " scopes=" + scopes
                + " v" + version + "]";
    }
}
