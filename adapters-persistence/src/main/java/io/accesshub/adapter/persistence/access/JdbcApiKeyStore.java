package io.accesshub.adapter.persistence.access;

import io.accesshub.adapter.persistence.ConstraintViolations;
import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.AlreadyExistsException;
import io.accesshub.application.port.out.ApiKeyStore;
import io.accesshub.application.port.out.StoredApiKey;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.ApiKeyDefinition;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@link ApiKeyStore} on the {@code api_key} table; ids in scopes are stored comma-separated (ids hold no commas). */
@Singleton
public class JdbcApiKeyStore implements ApiKeyStore {

    private static final String COLUMNS = "id, name, key_hash, permissions, scope_apps, scope_companies, scope_locations,"
        + " CAST(created_at AS CHAR) AS created, CAST(expires_at AS CHAR) AS expires,"
        + " CAST(revoked_at AS CHAR) AS revoked, CAST(last_used_at AS CHAR) AS last_used";

    private final JdbcOperations jdbc;

    JdbcApiKeyStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void create(StoredApiKey key) {
        ApiKeyDefinition d = key.definition();
        try {
            jdbc.prepareStatement("INSERT INTO api_key (id, name, key_hash, permissions, scope_apps, scope_companies,"
                + " scope_locations, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, key.id());
                    ps.setString(2, d.name());
                    ps.setString(3, key.sha256Hex());
                    ps.setString(4, d.permissions().stream().map(Permission::wireName).sorted()
                        .collect(Collectors.joining(",")));
                    ps.setString(5, join(d.scope().apps(), MarketplaceAppId::value));
                    ps.setString(6, join(d.scope().companies(), CompanyId::value));
                    ps.setString(7, join(d.scope().locations(), LocationId::value));
                    ps.setString(8, DbTime.toColumn(key.createdAt()));
                    ps.setString(9, d.expiresAt().map(DbTime::toColumn).orElse(null));
                    return ps.executeUpdate();
                });
        } catch (RuntimeException failed) {
            if (ConstraintViolations.isDuplicateKey(failed)) {
                throw new AlreadyExistsException("an API key named '" + d.name() + "' exists", failed);
            }
            throw failed;
        }
    }

    @Override
    @Connectable
    public Optional<StoredApiKey> findActiveByHash(String sha256Hex) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE key_hash = ? AND revoked_at IS NULL",
            ps -> {
                ps.setString(1, sha256Hex);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            });
    }

    @Override
    @Connectable
    public Optional<StoredApiKey> findActiveById(String id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE id = ? AND revoked_at IS NULL", ps -> {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    @Override
    @Connectable
    public List<StoredApiKey> list() {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM api_key ORDER BY created_at, id", ps -> {
            List<StoredApiKey> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(read(rs));
                }
            }
            return keys;
        });
    }

    @Override
    @Transactional
    public boolean revoke(String id, Instant at) {
        return jdbc.prepareStatement("UPDATE api_key SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", ps -> {
            ps.setString(1, DbTime.toColumn(at));
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        });
    }

    @Override
    @Transactional
    public void recordUse(Map<String, Instant> lastUsedById) {
        if (lastUsedById.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("UPDATE api_key SET last_used_at = ? WHERE id = ?"
            + " AND (last_used_at IS NULL OR last_used_at < ?)", ps -> {
                for (Map.Entry<String, Instant> use : lastUsedById.entrySet()) {
                    ps.setString(1, DbTime.toColumn(use.getValue()));
                    ps.setString(2, use.getKey());
                    ps.setString(3, DbTime.toColumn(use.getValue()));
                    ps.addBatch();
                }
                return ps.executeBatch();
            });
    }

    private static StoredApiKey read(ResultSet rs) throws SQLException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : split(rs.getString("permissions"))) {
            // a permission written by a newer version is ignored here rather than failing every request
            Permission.fromWireName(name).ifPresent(permissions::add);
        }
        AccessScope scope = new AccessScope(
            split(rs.getString("scope_apps")).stream().map(MarketplaceAppId::of).collect(Collectors.toSet()),
            split(rs.getString("scope_companies")).stream().map(CompanyId::of).collect(Collectors.toSet()),
            split(rs.getString("scope_locations")).stream().map(LocationId::of).collect(Collectors.toSet()));
        ApiKeyDefinition definition = new ApiKeyDefinition(rs.getString("name"), permissions, scope,
            Optional.ofNullable(rs.getString("expires")).map(DbTime::fromColumn));
        return new StoredApiKey(rs.getString("id"), definition, rs.getString("key_hash"),
            DbTime.fromColumn(rs.getString("created")),
            Optional.ofNullable(rs.getString("revoked")).map(DbTime::fromColumn),
            Optional.ofNullable(rs.getString("last_used")).map(DbTime::fromColumn));
    }

    private static <T> String join(Collection<T> values, Function<T, String> id) {
        return values.stream().map(id).sorted().collect(Collectors.joining(","));
    }

    private static List<String> split(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(joined.split(","));
    }
}
