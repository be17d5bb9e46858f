package io.accesshub.application.port.out;

import io.accesshub.domain.marketplace.LocationId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of the locations where an agency's app is installed, or why it could not be read. */
public sealed interface InstalledLocationsOutcome {

    /** A page; {@code totalCount} counts every location of the agency, installed or not. */
    record Page(List<InstalledLocation> locations, int totalCount, boolean installToFutureLocations)
        implements InstalledLocationsOutcome {
        public Page {
            locations = List.copyOf(Objects.requireNonNull(locations, "locations"));
        }
    }

    /** Nothing read now; try again later. */
    record Unavailable(Optional<Duration> retryAfter, String cause) implements InstalledLocationsOutcome {
    }

    /** The agency token was refused (revoked, missing scope). */
    record Refused(int status, String detail) implements InstalledLocationsOutcome {
    }

    /** A location of the agency and whether the app is installed there. */
    record InstalledLocation(LocationId id, String name, boolean installed) {
    }
}
