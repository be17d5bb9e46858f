package io.accesshub.application.service;

import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.InstalledLocationsOutcome.InstalledLocation;
import io.accesshub.application.port.out.LocationOwners;
import io.accesshub.domain.exchange.LocationOwnership;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a page of HighLevel's listing of an agency's locations that was read: the agency owns every location
 * listed, and a location HighLevel reports as not installed in two listings at least {@code removalConfirmedAfter}
 * apart (the reconciliation interval) is uninstalled, its tokens erased, with a lifecycle event. A page that could not
 * be read is never applied, so a failed read is no evidence of anything.
 */
public final class LocationListings {

    private final LocationOwners owners;
    private final InstallationRepository installations;
    private final InstallationTransitions transitions;
    private final Duration removalConfirmedAfter;
    private final Clock clock;

    public LocationListings(LocationOwners owners, InstallationRepository installations,
                            InstallationTransitions transitions, Duration removalConfirmedAfter, Clock clock) {
        this.owners = Objects.requireNonNull(owners, "owners");
        this.installations = Objects.requireNonNull(installations, "installations");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.removalConfirmedAfter = Objects.requireNonNull(removalConfirmedAfter, "removalConfirmedAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (removalConfirmedAfter.isNegative() || removalConfirmedAfter.isZero()) {
            throw new IllegalArgumentException("the reconciliation interval must be positive");
        }
    }

    /** Applies one page listed for {@code agency}; returns how many location installations it uninstalled. */
    public int apply(Installation agency, List<InstalledLocation> page) {
        MarketplaceAppId app = agency.key().appId();
        CompanyId company = agency.key().companyId();
        Instant readAt = clock.instant();
        Map<LocationId, LocationOwnership> known = owners.find(app, page.stream().map(InstalledLocation::id).toList());
        List<LocationOwnership> changed = new ArrayList<>();
        List<LocationOwnership> removals = new ArrayList<>();
        for (InstalledLocation listed : page) {
            LocationOwnership before = known.get(listed.id());
            LocationOwnership after = Optional.ofNullable(before)
                .orElseGet(() -> LocationOwnership.owned(app, listed.id(), company))
                .listed(company, listed.installed(), readAt);
            if (after.confirmsRemovalAt(readAt, removalConfirmedAfter)) {
                removals.add(after);
                after = after.withRemovalApplied();
            }
            if (!after.equals(before)) {
                changed.add(after);
            }
        }
        int uninstalled = 0;
        for (LocationOwnership removal : removals) {
            uninstalled += uninstall(removal, readAt) ? 1 : 0;
        }
        owners.save(changed);
        return uninstalled;
    }

    /**
     * Uninstalls the location's installation, stamped with the first listing that reported the app gone, so that
     * any install HighLevel reported after that listing still wins.
     */
    private boolean uninstall(LocationOwnership removal, Instant now) {
        InstallationKey key = InstallationKey.forLocation(removal.app(), removal.company(), removal.location());
        Instant reportedGoneAt = removal.notInstalledSince().orElseThrow();
        return installations.findByKey(key)
            .filter(installation -> installation.status() != InstallationStatus.UNINSTALLED)
            .map(installation -> transitions.apply(installation.id(), current ->
                current.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, reportedGoneAt, now)))
            .orElse(false);
    }
}
