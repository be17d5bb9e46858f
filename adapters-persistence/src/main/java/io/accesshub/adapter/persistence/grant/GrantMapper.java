package io.accesshub.adapter.persistence.grant;

import io.accesshub.adapter.persistence.crypto.EncryptedToken;
import io.accesshub.adapter.persistence.crypto.TokenBinding;
import io.accesshub.adapter.persistence.crypto.TokenCipher;
import io.accesshub.adapter.persistence.crypto.TokenKind;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.RefreshBookkeeping;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.LocationId;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** Hand-written mapping between {@link Grant} and {@link GrantRow}; encrypts on the way in, decrypts on the way out. */
final class GrantMapper {

    private final TokenCipher cipher;

    GrantMapper(TokenCipher cipher) {
        this.cipher = cipher;
    }

    /** The row of {@code grant}, scheduled for its next proactive look at {@code nextRefreshAt}. */
    GrantRow toRow(Grant grant, InstallationKey key, long version, Instant nextRefreshAt) {
        String appId = key.appId().value();
        String companyId = key.companyId().value();
        String locationKey = key.locationId().map(LocationId::value).orElse("");
        EncryptedToken access = cipher.encrypt(grant.accessToken().value(),
                new TokenBinding(appId, companyId, locationKey, TokenKind.ACCESS));
        byte[] refresh = grant.refreshToken()
                .map(token -> cipher.encrypt(token.value(),
                        new TokenBinding(appId, companyId, locationKey, TokenKind.REFRESH)).ciphertext())
                .orElse(null);
        RefreshBookkeeping bookkeeping = grant.bookkeeping();
        return new GrantRow(
                grant.installationId().toString(),
                appId,
                companyId,
                locationKey,
                grant.source().name(),
                access.ciphertext(),
                grant.accessTokenExpiresAt(),
                refresh,
                grant.issuedAt(),
                access.keyId(),
                grant.scopes().toString(),
                bookkeeping.lastRefreshedAt().orElse(null),
                bookkeeping.lastAttemptAt().orElse(null),
                bookkeeping.consecutiveFailures(),
                bookkeeping.fence(),
                null,
                null,
                nextRefreshAt,
                fingerprintOf(grant.refreshToken()),
                version);
    }

    /** The stored form of a refresh token's fingerprint (the raw SHA-256), or null without a token. */
    static byte[] fingerprintOf(Optional<RefreshToken> token) {
        return token.map(t -> HexFormat.of().parseHex(t.fingerprint())).orElse(null);
    }

    /** The stored form of a fingerprint given as hex. */
    static byte[] fingerprintOf(String hex) {
        return hex == null ? null : HexFormat.of().parseHex(hex);
    }

    Grant toDomain(GrantRow row) {
        TokenBinding access = new TokenBinding(row.appId(), row.companyId(), row.locationKey(), TokenKind.ACCESS);
        TokenBinding refresh = new TokenBinding(row.appId(), row.companyId(), row.locationKey(), TokenKind.REFRESH);
        Optional<RefreshToken> refreshToken = Optional.ofNullable(row.refreshTokenCiphertext())
                .map(ciphertext -> RefreshToken.of(cipher.decrypt(ciphertext, refresh)));
        return Grant.rehydrate(
                InstallationId.parse(row.installationId()),
                GrantSource.valueOf(row.source()),
                AccessToken.of(cipher.decrypt(row.accessTokenCiphertext(), access)),
                row.accessTokenExpiresAt(),
                refreshToken,
                row.issuedAt(),
                Scopes.parse(row.scopes()),
                new RefreshBookkeeping(
                        Optional.ofNullable(row.lastRefreshedAt()),
                        Optional.ofNullable(row.lastAttemptAt()),
                        row.consecutiveFailures(),
                        row.refreshFence()),
                row.version());
    }
}
