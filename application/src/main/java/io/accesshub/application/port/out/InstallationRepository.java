package io.accesshub.application.port.out;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;

import java.util.List;
import java.util.Optional;

/**
 * Stores installations, with optimistic locking on their {@code version}.
 *
 * <p>Every field round-trips exactly; instants with at least microsecond precision. Installations are never
 * deleted (uninstalled ones stay for history and event ordering). Recorded events are not stored.
 */
public interface InstallationRepository {

    /** The installation with this id, if stored. */
    Optional<Installation> findById(InstallationId id);

    /** The installation with this natural key (app + company + location, or app + company for an agency). */
    Optional<Installation> findByKey(InstallationKey key);

    /**
     * Stores a new installation (version 0) and returns it as stored (equal to the argument).
     *
     * @throws AlreadyExistsException when an installation with the same id or the same key is stored
     */
    Installation add(Installation installation);

    /**
     * Stores a changed installation whose {@code version} is the stored one, and returns it with the version
     * advanced by exactly one.
     *
     * @throws ConcurrentUpdateException when no installation with this id and version is stored
     */
    Installation update(Installation installation);

    /** The installations matching the filter, ordered by id ({@link InstallationId#compareTo}), one page of them. */
    Page<Installation> list(InstallationFilter filter, PageRequest page);

    /**
     * Up to {@code limit} of an agency's location installations of an app, in id order after {@code after} (from the
     * first when empty): walking all of an agency's locations a page at a time, by an index and without counting them,
     * so that a cascade over an agency of thousands of locations costs what it returns.
     */
    List<Installation> locationsOfCompany(MarketplaceAppId app, CompanyId company, Optional<InstallationId> after,
                                          int limit);

    /**
     * The app's installation for a location, under whichever company it is (the hot path of token reads and webhook
     * handling; adapters answer it without counting).
     */
    default Optional<Installation> findLocation(MarketplaceAppId app, LocationId location) {
        return list(InstallationFilter.all().withApp(app).withLocation(location).withUserType(UserType.LOCATION),
            new PageRequest(0, 1)).items().stream().findFirst();
    }
}
