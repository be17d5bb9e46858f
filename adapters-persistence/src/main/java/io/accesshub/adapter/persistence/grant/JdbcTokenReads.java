package io.accesshub.adapter.persistence.grant;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.adapter.persistence.crypto.TokenBinding;
import io.accesshub.adapter.persistence.crypto.TokenCipher;
import io.accesshub.adapter.persistence.crypto.TokenKind;
import io.accesshub.application.port.out.TokenReads;
import io.accesshub.application.port.out.TokenView;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@link TokenReads} as one SELECT per read: the installation found by an index of its key ({@code uk_installation_key}
 * for a full key, {@code ix_installation_app_location} for app + location), left-joined with its grant by primary key.
 * Only the access token is decrypted; the refresh token and the lease columns are not even selected. Runs on a pooled
 * connection in auto-commit ({@link Connectable}), without a transaction of its own; inside a caller's transaction it
 * uses that transaction's connection.
 */
@Singleton
public class JdbcTokenReads implements TokenReads {

    private static final String SELECT = "SELECT i.id, i.app_id, i.company_id, i.location_id, i.location_key,"
        + " i.status, i.status_reason, g.installation_id AS grant_id, g.access_token_ciphertext,"
        + " CAST(g.access_token_expires_at AS CHAR) AS expires_at, g.scopes, g.source"
        + " FROM installation i LEFT JOIN token_grant g ON g.installation_id = i.id";

    private final JdbcOperations jdbc;
    private final TokenCipher cipher;

    JdbcTokenReads(JdbcOperations jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    @Connectable
    public Optional<TokenView> location(MarketplaceAppId app, LocationId location) {
        return jdbc.prepareStatement(SELECT + " WHERE i.app_id = ? AND i.location_key = ? AND i.user_type = 'LOCATION'"
            + " ORDER BY i.id LIMIT 1", ps -> {
                ps.setString(1, app.value());
                ps.setString(2, location.value());
                return first(ps.executeQuery());
            });
    }

    @Override
    @Connectable
    public Optional<TokenView> installation(InstallationKey key) {
        return jdbc.prepareStatement(SELECT + " WHERE i.app_id = ? AND i.company_id = ? AND i.location_key = ?", ps -> {
            ps.setString(1, key.appId().value());
            ps.setString(2, key.companyId().value());
            ps.setString(3, key.locationId().map(LocationId::value).orElse(""));
            return first(ps.executeQuery());
        });
    }

    private Optional<TokenView> first(ResultSet results) throws SQLException {
        try (ResultSet rs = results) {
            return rs.next() ? Optional.of(view(rs)) : Optional.empty();
        }
    }

    private TokenView view(ResultSet rs) throws SQLException {
        String appId = rs.getString("app_id");
        String companyId = rs.getString("company_id");
        String locationKey = rs.getString("location_key");
        InstallationKey key = new InstallationKey(MarketplaceAppId.of(appId), CompanyId.of(companyId),
            Optional.ofNullable(rs.getString("location_id")).map(LocationId::of));
        Optional<TokenView.Access> access = Optional.empty();
        if (rs.getString("grant_id") != null) {
            TokenBinding binding = new TokenBinding(appId, companyId, locationKey, TokenKind.ACCESS);
            access = Optional.of(new TokenView.Access(
                AccessToken.of(cipher.decrypt(rs.getBytes("access_token_ciphertext"), binding)),
                DbTime.fromColumn(rs.getString("expires_at")),
                Scopes.parse(rs.getString("scopes")),
                GrantSource.valueOf(rs.getString("source"))));
        }
        return new TokenView(InstallationId.parse(rs.getString("id")), key,
            InstallationStatus.valueOf(rs.getString("status")), StateReason.valueOf(rs.getString("status_reason")),
            access);
    }
}
