package io.accesshub.adapter.persistence.installation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Micronaut Data access to {@code installation}; updates check and advance the version. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface InstallationRowRepository extends GenericRepository<InstallationRow, String> {

    InstallationRow save(InstallationRow row);

    InstallationRow update(InstallationRow row);

    Optional<InstallationRow> findById(String id);

    Optional<InstallationRow> findByIdForUpdate(String id);

    Optional<InstallationRow> findByAppIdAndCompanyIdAndLocationKey(String appId, String companyId, String locationKey);

    /**
     * A page of an agency's location installations of an app after {@code afterId} ({@code ''}: from the first), by
     * {@code ix_installation_company_locations} in id order: reads what it returns, whatever the agency's size (forced:
     * with the agency's rows spread through the table the server may otherwise range-scan the primary key from
     * {@code afterId}, reading every other agency's rows on the way).
     */
    @Query("SELECT * FROM installation FORCE INDEX (ix_installation_company_locations) WHERE app_id = :appId"
        + " AND company_id = :companyId AND user_type = 'LOCATION' AND id > :afterId ORDER BY id LIMIT :limit")
    List<InstallationRow> findLocationsOfCompany(String appId, String companyId, String afterId, int limit);

    /**
     * The oldest location installation of an app for a location, by {@code ix_installation_app_location}: one index
     * probe, found or not (the generic list query it replaced filtered on {@code location_id}, which no index
     * leads with, so the server walked the primary key in id order, through every row for an unknown location).
     */
    @Query("SELECT * FROM installation WHERE app_id = :appId AND location_key = :locationKey"
        + " AND user_type = 'LOCATION' ORDER BY id LIMIT 1")
    Optional<InstallationRow> findLocation(String appId, String locationKey);
}
