package io.accesshub.application.fakes;

import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.List;
import java.util.Optional;

/** A fixed list of apps; the first is the default. */
public final class FixedMarketplaceApps implements MarketplaceApps {

    private final List<MarketplaceApp> apps;

    public FixedMarketplaceApps(MarketplaceApp... apps) {
        this.apps = List.of(apps);
    }

    @Override
    public List<MarketplaceApp> all() {
        return apps;
    }

    @Override
    public Optional<MarketplaceApp> find(MarketplaceAppId id) {
        return apps.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    @Override
    public Optional<MarketplaceApp> defaultApp() {
        return apps.stream().findFirst();
    }
}
