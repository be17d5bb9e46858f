package io.accesshub.adapter.persistence.installation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Micronaut Data access to {@code installation}; updates check and advance the version. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface InstallationRowRepository extends GenericRepository<InstallationRow, String> {

    String MATCHING = " FROM installation WHERE (:appId IS NULL OR app_id = :appId)"
            + " AND (:companyId IS NULL OR company_id = :companyId)"
            // location_key: the location id, '' for an agency; unlike location_id it is indexed (with app_id)
            + " AND (:locationId IS NULL OR location_key = :locationId)"
            + " AND (:userType IS NULL OR user_type = :userType)"
            + " AND (:status IS NULL OR status = :status)"
            // an API key's scope (AccessScope): ids are comma-separated lists; ids never hold commas
            + " AND (:scopeApps IS NULL OR FIND_IN_SET(app_id, :scopeApps) > 0)"
            + " AND (:scopeResources IS NULL OR FIND_IN_SET(company_id, :scopeCompanies) > 0"
            + " OR (location_id IS NOT NULL AND FIND_IN_SET(location_id, :scopeLocations) > 0))";

    InstallationRow save(InstallationRow row);

    InstallationRow update(InstallationRow row);

    Optional<InstallationRow> findById(String id);

    Optional<InstallationRow> findByIdForUpdate(String id);

    Optional<InstallationRow> findByAppIdAndCompanyIdAndLocationKey(String appId, String companyId, String locationKey);

    /**
     * The oldest location installation of an app for a location, by {@code ix_installation_app_location}: one index
     * probe, found or not (the generic {@link #findMatching} filters on {@code location_id}, which no index leads
     * with, so the server walked the primary key in id order, through every row when the location is unknown).
     */
    /**
     * A page of an agency's location installations of an app after {@code afterId} ({@code ''}: from the first), by
     * {@code ix_installation_company_locations} in id order: reads what it returns, whatever the agency's size (forced:
     * with the agency's rows spread through the table the server may otherwise range-scan the primary key from
     * {@code afterId}, reading every other agency's rows on the way).
     */
    @Query("SELECT * FROM installation FORCE INDEX (ix_installation_company_locations) WHERE app_id = :appId"
        + " AND company_id = :companyId AND user_type = 'LOCATION' AND id > :afterId ORDER BY id LIMIT :limit")
    List<InstallationRow> findLocationsOfCompany(String appId, String companyId, String afterId, int limit);

    @Query("SELECT * FROM installation WHERE app_id = :appId AND location_key = :locationKey"
        + " AND user_type = 'LOCATION' ORDER BY id LIMIT 1")
    Optional<InstallationRow> findLocation(String appId, String locationKey);

    @Query("SELECT COUNT(*)" + MATCHING)
    long countMatching(@Nullable String appId, @Nullable String companyId, @Nullable String locationId,
                       @Nullable String userType, @Nullable String status, @Nullable String scopeApps,
                       @Nullable String scopeResources, String scopeCompanies, String scopeLocations);

    @Query("SELECT *" + MATCHING + " ORDER BY id LIMIT :limit OFFSET :offset")
    List<InstallationRow> findMatching(@Nullable String appId, @Nullable String companyId,
                                       @Nullable String locationId, @Nullable String userType,
                                       @Nullable String status, @Nullable String scopeApps,
                                       @Nullable String scopeResources, String scopeCompanies,
                                       String scopeLocations, int limit, long offset);
}
