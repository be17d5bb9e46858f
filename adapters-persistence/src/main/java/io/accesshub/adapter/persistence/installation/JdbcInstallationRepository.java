package io.accesshub.adapter.persistence.installation;

import io.accesshub.domain.access.AccessScope;
import io.accesshub.adapter.persistence.ConstraintViolations;
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
import jakarta.inject.Singleton;
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

    JdbcInstallationRepository(InstallationRowRepository rows) {
        this.rows = rows;
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

    @Override
    public Page<Installation> list(InstallationFilter filter, PageRequest page) {
        String appId = filter.appId().map(MarketplaceAppId::value).orElse(null);
        String companyId = filter.companyId().map(CompanyId::value).orElse(null);
        String locationId = filter.locationId().map(LocationId::value).orElse(null);
        String userType = filter.userType().map(Enum::name).orElse(null);
        String status = filter.status().map(Enum::name).orElse(null);
        AccessScope scope = filter.scope();
        String scopeApps = scope.apps().isEmpty() ? null : joined(scope.apps().stream().map(MarketplaceAppId::value));
        boolean resources = !scope.companies().isEmpty() || !scope.locations().isEmpty();
        String scopeResources = resources ? "restricted" : null;
        String scopeCompanies = joined(scope.companies().stream().map(CompanyId::value));
        String scopeLocations = joined(scope.locations().stream().map(LocationId::value));
        long total = rows.countMatching(appId, companyId, locationId, userType, status, scopeApps, scopeResources,
                scopeCompanies, scopeLocations);
        List<Installation> items = total <= page.offset()
                ? List.of()
                : rows.findMatching(appId, companyId, locationId, userType, status, scopeApps, scopeResources,
                        scopeCompanies, scopeLocations, page.limit(), page.offset())
                        .stream().map(InstallationMapper::toDomain).toList();
        return new Page<>(items, total, page);
    }

    private static String joined(java.util.stream.Stream<String> ids) {
        return ids.sorted().collect(java.util.stream.Collectors.joining(","));
    }
}
