package io.accesshub.adapter.persistence.installation;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.LocationOwners;
import io.accesshub.domain.exchange.LocationOwnership;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link LocationOwners} on the {@code location_ownership} table, keyed by (app, location): one primary-key read per
 * lookup, one statement per page of a listing.
 */
@Singleton
public class JdbcLocationOwners implements LocationOwners {

    private final JdbcOperations jdbc;

    public JdbcLocationOwners(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public Optional<CompanyId> ownerOf(MarketplaceAppId app, LocationId location) {
        return jdbc.prepareStatement("SELECT company_id FROM location_ownership WHERE app_id = ? AND location_id = ?",
            ps -> {
                ps.setString(1, app.value());
                ps.setString(2, location.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(CompanyId.of(rs.getString(1))) : Optional.<CompanyId>empty();
                }
            });
    }

    @Override
    @Transactional
    public void learn(MarketplaceAppId app, CompanyId company, Collection<LocationId> locations) {
        if (locations.isEmpty()) {
            return;
        }
        // company_id is assigned last: MySQL evaluates the assignments in order, so the others still see the old
        // company_id, and the evidence of a removal survives only when the owner stays the same.
        jdbc.prepareStatement("INSERT INTO location_ownership (app_id, location_id, company_id) VALUES (?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE removal_applied = IF(company_id = VALUES(company_id), removal_applied, FALSE),"
            + " not_installed_since = IF(company_id = VALUES(company_id), not_installed_since, NULL),"
            + " company_id = VALUES(company_id)", ps -> {
                for (LocationId location : locations) {
                    ps.setString(1, app.value());
                    ps.setString(2, location.value());
                    ps.setString(3, company.value());
                    ps.addBatch();
                }
                return ps.executeBatch();
            });
    }

    @Override
    @Transactional
    public Map<LocationId, LocationOwnership> find(MarketplaceAppId app, Collection<LocationId> locations) {
        Map<LocationId, LocationOwnership> found = new HashMap<>();
        if (locations.isEmpty()) {
            return found;
        }
        List<LocationId> ids = List.copyOf(locations);
        String placeholders = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        jdbc.prepareStatement("SELECT location_id, company_id, not_installed_since, removal_applied FROM location_ownership"
            + " WHERE app_id = ? AND location_id IN (" + placeholders + ")", ps -> {
                ps.setString(1, app.value());
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 2, ids.get(i).value());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocationId location = LocationId.of(rs.getString(1));
                        found.put(location, new LocationOwnership(app, location, CompanyId.of(rs.getString(2)),
                            Optional.ofNullable(DbTime.fromColumn(rs.getString(3))), rs.getBoolean(4)));
                    }
                }
                return found.size();
            });
        return found;
    }

    @Override
    @Transactional
    public void save(Collection<LocationOwnership> ownerships) {
        if (ownerships.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("INSERT INTO location_ownership (app_id, location_id, company_id, not_installed_since,"
            + " removal_applied) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE company_id = VALUES(company_id),"
            + " not_installed_since = VALUES(not_installed_since), removal_applied = VALUES(removal_applied)", ps -> {
                for (LocationOwnership ownership : ownerships) {
                    ps.setString(1, ownership.app().value());
                    ps.setString(2, ownership.location().value());
                    ps.setString(3, ownership.company().value());
                    ps.setString(4, ownership.notInstalledSince().map(DbTime::toColumn).orElse(null));
                    ps.setBoolean(5, ownership.removalApplied());
                    ps.addBatch();
                }
                return ps.executeBatch();
            });
    }
}
