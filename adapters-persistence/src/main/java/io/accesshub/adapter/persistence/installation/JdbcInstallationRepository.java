package io.accesshub.adapter.persistence.installation;

import io.accesshub.domain.access.AccessScope;
import io.accesshub.adapter.persistence.ConstraintViolations;
import io.accesshub.adapter.persistence.FilteredQueries;
import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.out.AlreadyExistsException;
import io.accesshub.application.port.out.ConcurrentUpdateException;
import io.accesshub.application.port.out.InstallationFilter;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.CompanyId;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@link InstallationRepository} on the {@code installation} table: inserts for new installations, version-checked
 * conditional updates for changes (so concurrent writers never silently overwrite each other under REPEATABLE
 * READ), technical failures translated into the port's exceptions.
 */
@Singleton
public class JdbcInstallationRepository implements InstallationRepository {

    private final InstallationRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcInstallationRepository(InstallationRowRepository rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Installation> findById(InstallationId id) {
        return rows.findById(id.toString()).map(InstallationMapper::toDomain);
    }

    @Override
    public Optional<Installation> findByKey(InstallationKey key) {
        return rows.findByAppIdAndCompanyIdAndLocationKey(key.appId().value(), key.companyId().value(),
                InstallationMapper.locationKey(key)).map(InstallationMapper::toDomain);
    }

    @Override
    public Installation add(Installation installation) {
        if (installation.version() != 0) {
            throw new IllegalArgumentException("a new installation has version 0, not " + installation.version());
        }
        try {
            return InstallationMapper.toDomain(rows.save(InstallationMapper.toRow(installation, 0L)));
        } catch (DataAccessException e) {
            if (ConstraintViolations.isDuplicateKey(e)) {
                throw new AlreadyExistsException("an installation with id " + installation.id() + " or key "
                        + installation.key() + " is already stored", e);
            }
            throw e;
        }
    }

    @Override
    public Installation update(Installation installation) {
        try {
            return InstallationMapper.toDomain(
                    rows.update(InstallationMapper.toRow(installation, installation.version())));
        } catch (OptimisticLockException e) {
            throw new ConcurrentUpdateException("installation " + installation.id() + " is not stored with version "
                    + installation.version(), e);
        }
    }

    @Override
    public Optional<Installation> findLocation(MarketplaceAppId app, LocationId location) {
        return rows.findLocation(app.value(), location.value()).map(InstallationMapper::toDomain);
    }

    @Override
    public List<Installation> locationsOfCompany(MarketplaceAppId app, CompanyId company,
                                                 Optional<InstallationId> after, int limit) {
        return rows.findLocationsOfCompany(app.value(), company.value(), after.map(InstallationId::toString).orElse(""),
                limit).stream().map(InstallationMapper::toDomain).toList();
    }

    /**
     * One statement pair (count, page) built from the filter's present conditions only, so the server plans each list
     * with the indexes those conditions can use; a restricted scope becomes {@code IN} lists of its companies and
     * locations ({@code location_key} is the location id, {@code ''} for an agency, so an agency never matches a
     * location of the scope).
     */
    @Override
    @Connectable
    public Page<Installation> list(InstallationFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" FROM installation WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        filter.appId().ifPresent(app -> condition(where, parameters, "app_id = ?", app.value()));
        filter.companyId().ifPresent(company -> condition(where, parameters, "company_id = ?", company.value()));
        filter.locationId().ifPresent(location -> condition(where, parameters, "location_key = ?", location.value()));
        filter.userType().ifPresent(type -> condition(where, parameters, "user_type = ?", type.name()));
        filter.status().ifPresent(status -> condition(where, parameters, "status = ?", status.name()));
        AccessScope scope = filter.scope();
        if (!scope.apps().isEmpty()) {
            where.append(" AND ").append(in("app_id", scope.apps().size()));
            scope.apps().stream().map(MarketplaceAppId::value).sorted().forEach(parameters::add);
        }
        if (!scope.companies().isEmpty() || !scope.locations().isEmpty()) {
            List<String> within = new ArrayList<>();
            if (!scope.companies().isEmpty()) {
                within.add(in("company_id", scope.companies().size()));
                scope.companies().stream().map(CompanyId::value).sorted().forEach(parameters::add);
            }
            if (!scope.locations().isEmpty()) {
                within.add(in("location_key", scope.locations().size()));
                scope.locations().stream().map(LocationId::value).sorted().forEach(parameters::add);
            }
            where.append(" AND (").append(String.join(" OR ", within)).append(')');
        }
        long total = FilteredQueries.count(jdbc, where.toString(), parameters);
        if (total <= page.offset()) {
            return new Page<>(List.of(), total, page);
        }
        List<Installation> items = jdbc.prepareStatement("SELECT *" + where + " ORDER BY id LIMIT ? OFFSET ?", ps -> {
            FilteredQueries.bind(ps, parameters);
            ps.setInt(parameters.size() + 1, page.limit());
            ps.setLong(parameters.size() + 2, page.offset());
            try (ResultSet rs = ps.executeQuery()) {
                return jdbc.entityStream(rs, InstallationRow.class).map(InstallationMapper::toDomain).toList();
            }
        });
        return new Page<>(items, total, page);
    }

    private static void condition(StringBuilder where, List<String> parameters, String condition, String value) {
        where.append(" AND ").append(condition);
        parameters.add(value);
    }

    private static String in(String column, int values) {
        return column + " IN (" + String.join(", ", Collections.nCopies(values, "?")) + ")";
    }
}
