package io.accesshub.application.port.out;

import io.accesshub.domain.exchange.LocationOwnership;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Which agency owns each location for an app, as HighLevel has told the hub, shared by every instance. */
public interface LocationOwners {

    /** The agency that owns this location for the app, when the hub has learned it. */
    Optional<CompanyId> ownerOf(MarketplaceAppId app, LocationId location);

    /**
     * Records that {@code company} owns these locations (a webhook or the callback said so); a known owner is replaced
     * and its evidence of a removal dropped only when it was another agency.
     */
    void learn(MarketplaceAppId app, CompanyId company, Collection<LocationId> locations);

    /** What is stored about these locations of the app; locations never learned are absent. */
    Map<LocationId, LocationOwnership> find(MarketplaceAppId app, Collection<LocationId> locations);

    /** Stores these ownerships as they are now, adding the ones not yet stored. */
    void save(Collection<LocationOwnership> ownerships);
}
