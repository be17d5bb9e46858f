package io.accesshub.application.service;

import io.accesshub.application.port.in.ProvisionLocationsUseCase;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.InstalledLocationsOutcome;
import io.accesshub.application.port.out.LocationProvisioningQueue;
import io.accesshub.application.port.out.LocationProvisioningQueue.ProvisioningJob;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.service.GrantRefresher.RefreshResult;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.LocationId;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Mints location tokens for an agency installation: pages HighLevel's installed locations and, for each installed
 * location without a usable grant of its own, mints one from the agency grant and stores it as a
 * {@link GrantSource#MINTED_FROM_COMPANY} location installation. Each page read is also applied as a listing
 * ({@link LocationListings}: who owns each location, and removals HighLevel confirms). The gateway paces mints within
 * the agency's rate limit; a page interrupted by an outage is redone from its start (minting is idempotent per location).
 */
public final class LocationProvisioningService implements ProvisionLocationsUseCase {

    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration RETRY = Duration.ofMinutes(1);

    private final LocationProvisioningQueue queue;
    private final InstallationRepository installations;
    private final GrantRepository grants;
    private final GrantRefresher refresher;
    private final MarketplaceGateway gateway;
    private final Clock clock;
    private final String owner;
    private final int pageSize;
    private final LocationMinter minter;
    private final LocationListings listings;

    public LocationProvisioningService(LocationProvisioningQueue queue, InstallationRepository installations,
                                       GrantRepository grants, GrantRefresher refresher, MarketplaceGateway gateway,
                                       LocationMinter minter, LocationListings listings, Clock clock, String owner,
                                       int pageSize) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.installations = Objects.requireNonNull(installations, "installations");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.pageSize = pageSize;
        this.minter = Objects.requireNonNull(minter, "minter");
        this.listings = Objects.requireNonNull(listings, "listings");
    }

    @Override
    public boolean provisionNextPage() {
        Optional<ProvisioningJob> claimed = queue.claim(owner, LEASE);
        if (claimed.isEmpty()) {
            return false;
        }
        ProvisioningJob job = claimed.get();
        Optional<Installation> company = installations.findById(job.companyInstallation());
        if (company.isEmpty() || company.get().status() == InstallationStatus.UNINSTALLED
            || company.get().status() == InstallationStatus.NEEDS_REAUTH) {
            queue.finish(job);
            return true;
        }
        RefreshResult companyGrant = refresher.refresh(company.get().id(), false);
        if (!(companyGrant instanceof RefreshResult.Usable usable)) {
            queue.retryLater(job, clock.instant().plus(RETRY));
            return true;
        }
        InstallationKey companyKey = company.get().key();
        InstalledLocationsOutcome outcome = gateway.installedLocations(companyKey.appId(), usable.grant().accessToken(),
            companyKey.companyId(), job.nextOffset(), pageSize);
        if (outcome instanceof InstalledLocationsOutcome.Refused) {
            queue.finish(job);
            return true;
        }
        if (!(outcome instanceof InstalledLocationsOutcome.Page page)) {
            queue.retryLater(job, clock.instant().plus(RETRY));
            return true;
        }
        try {
            listings.apply(company.get(), page.locations());
        } catch (RuntimeException notRecordedNow) {
            // ownership and removal evidence are bookkeeping: the next listing teaches the same. A failure here must
            // not throw away the page HighLevel gave and the mints it calls for (which fail on their own, and are
            // retried, if our database is really down)
        }
        for (InstalledLocationsOutcome.InstalledLocation location : page.locations()) {
            if (location.installed() && !mint(company.get(), usable.grant(), location.id())) {
                queue.retryLater(job, clock.instant().plus(RETRY));
                return true;
            }
        }
        int next = job.nextOffset() + page.locations().size();
        if (page.locations().isEmpty() || next >= page.totalCount()) {
            queue.finish(job);
        } else {
            queue.advance(job, next);
        }
        return true;
    }

    /** Mints one location's grant unless it already has a usable one; false on a passing failure. */
    private boolean mint(Installation company, Grant companyGrant, LocationId locationId) {
        InstallationKey key = InstallationKey.forLocation(company.key().appId(), company.key().companyId(), locationId);
        Optional<Installation> existing = installations.findByKey(key);
        if (existing.isPresent() && existing.get().status() == InstallationStatus.ACTIVE
            && grants.findByInstallationId(existing.get().id()).isPresent()) {
            return true;
        }
        return minter.mint(company, companyGrant, locationId) != LocationMinter.Outcome.TRY_LATER;
    }
}
