package io.accesshub.application.fakes;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.application.port.out.RefreshLeasesContract;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.grant.RefreshTiming;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/** The in-memory fake passes the same contract as the JDBC adapter. */
class InMemoryRefreshLeasesTest extends RefreshLeasesContract {

    private final InMemoryInstallationRepository installations = new InMemoryInstallationRepository();
    private final InMemoryGrantRepository grants = new InMemoryGrantRepository();
    private final InMemoryRefreshLeases leases = new InMemoryRefreshLeases(grants,
        Clock.fixed(TestTimes.NOW, ZoneOffset.UTC), RefreshTiming.DEFAULT, this::appOf);

    private io.accesshub.domain.marketplace.MarketplaceAppId appOf(InstallationId id) {
        return installations.findById(id).orElseThrow().key().appId();
    }

    @Override
    protected RefreshLeases leases() {
        return leases;
    }

    @Override
    protected GrantRepository grants() {
        return grants;
    }

    @Override
    protected InstallationRepository installations() {
        return installations;
    }

    @Override
    protected void expireLease(Installation installation, Duration ago) {
        leases.expireLease(installation.id(), ago);
    }
}
