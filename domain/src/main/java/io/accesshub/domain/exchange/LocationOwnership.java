package io.accesshub.domain.exchange;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which agency owns a location for an app, as HighLevel told the hub ({@code installedLocations}, LocationCreate,
 * INSTALL, the OAuth callback), and since when HighLevel's listings have said without a break that the app is no
 * longer installed there.
 *
 * <p>Two rules are stated here. Only the owning agency may be asked to mint a location's token, so a location no
 * agency owns costs no call at all. And a listing is evidence of a removal only when it repeats: the app counts as
 * removed once HighLevel has reported it not installed in two listings at least one reconciliation interval apart,
 * with no listing in between saying it is installed, so one glitch of a listing never uninstalls anything.
 *
 * @param notInstalledSince when the first of the uninterrupted "not installed" listings was read, if any
 * @param removalApplied    whether the removal these listings confirm was already applied to the installation, so
 *                          that later listings saying the same cost nothing
 */
public record LocationOwnership(MarketplaceAppId app, LocationId location, CompanyId company,
                                Optional<Instant> notInstalledSince, boolean removalApplied) {

    public LocationOwnership {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(notInstalledSince, "notInstalledSince");
        if (removalApplied && notInstalledSince.isEmpty()) {
            throw new IllegalArgumentException("a removal is applied only on the evidence of listings");
        }
    }

    /** A location whose owner the hub has just learned, with no evidence of a removal. */
    public static LocationOwnership owned(MarketplaceAppId app, LocationId location, CompanyId company) {
        return new LocationOwnership(app, location, company, Optional.empty(), false);
    }

    /**
     * What the hub knows after HighLevel listed this location under {@code owner} at {@code readAt}: a listing that
     * says installed clears the evidence of a removal; one that says not installed starts it, or keeps its start; a
     * new owner starts over.
     */
    public LocationOwnership listed(CompanyId owner, boolean installed, Instant readAt) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(readAt, "readAt");
        if (installed) {
            return new LocationOwnership(app, location, owner, Optional.empty(), false);
        }
        if (owner.equals(company) && notInstalledSince.isPresent()) {
            return this;
        }
        return new LocationOwnership(app, location, owner, Optional.of(readAt), false);
    }

    /** The same evidence, with the removal it confirms applied to the location's installation. */
    public LocationOwnership withRemovalApplied() {
        return new LocationOwnership(app, location, company, notInstalledSince, true);
    }

    /**
     * Whether the listing read at {@code readAt} confirms that the app was removed from this location: it says not
     * installed, and so did a listing at least {@code confirmAfter} earlier, with none in between saying otherwise;
     * and that removal was not applied yet.
     */
    public boolean confirmsRemovalAt(Instant readAt, Duration confirmAfter) {
        Objects.requireNonNull(readAt, "readAt");
        if (confirmAfter.isNegative() || confirmAfter.isZero()) {
            throw new IllegalArgumentException("a removal is confirmed by a second listing some time after the first");
        }
        return !removalApplied && notInstalledSince.map(since -> !since.plus(confirmAfter).isAfter(readAt)).orElse(false);
    }
}
