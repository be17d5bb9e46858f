package io.accesshub.application.fakes;

import io.accesshub.application.port.out.LocationOwners;
import io.accesshub.domain.exchange.LocationOwnership;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link LocationOwners} in a map, for tests of the application services. */
public final class InMemoryLocationOwners implements LocationOwners {

    private record Key(MarketplaceAppId app, LocationId location) {
    }

    private final Map<Key, LocationOwnership> stored = new ConcurrentHashMap<>();

    @Override
    public Optional<CompanyId> ownerOf(MarketplaceAppId app, LocationId location) {
        return Optional.ofNullable(stored.get(new Key(app, location))).map(LocationOwnership::company);
    }

    @Override
    public void learn(MarketplaceAppId app, CompanyId company, Collection<LocationId> locations) {
        for (LocationId location : locations) {
            stored.compute(new Key(app, location), (key, known) -> known != null && known.company().equals(company)
                ? known : LocationOwnership.owned(app, location, company));
        }
    }

    @Override
    public Map<LocationId, LocationOwnership> find(MarketplaceAppId app, Collection<LocationId> locations) {
        Map<LocationId, LocationOwnership> found = new HashMap<>();
        for (LocationId location : locations) {
            Optional.ofNullable(stored.get(new Key(app, location))).ifPresent(o -> found.put(location, o));
        }
        return found;
    }

    @Override
    public void save(Collection<LocationOwnership> ownerships) {
        ownerships.forEach(o -> stored.put(new Key(o.app(), o.location()), o));
    }
}
