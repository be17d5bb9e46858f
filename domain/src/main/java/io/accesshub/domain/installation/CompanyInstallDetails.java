package io.accesshub.domain.installation;

import io.accesshub.domain.marketplace.LocationId;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.Comparator;

/**
 * What an agency (Company) install told us about its locations: the approved locations (possibly incomplete,
 * HighLevel does not list them reliably for bulk installs), whether future locations are included, whether all
 * locations were approved, and whether it was a bulk installation. Location installations carry {@link #none()}.
 */
public record CompanyInstallDetails(Set<LocationId> approvedLocations, boolean installToFutureLocations,
                                    boolean approveAllLocations, boolean bulkInstallation) {

    private static final CompanyInstallDetails NONE = new CompanyInstallDetails(Set.of(), false, false, false);

    public CompanyInstallDetails {
        Objects.requireNonNull(approvedLocations, "approvedLocations");
        SortedSet<LocationId> sorted = new TreeSet<>(Comparator.comparing(LocationId::value));
        approvedLocations.forEach(l -> sorted.add(Objects.requireNonNull(l, "approved location")));
        approvedLocations = Collections.unmodifiableSortedSet(sorted);
    }

    /** No details: what location installations carry. */
    public static CompanyInstallDetails none() {
        return NONE;
    }

    public static CompanyInstallDetails of(Set<LocationId> approvedLocations, boolean installToFutureLocations,
                                           boolean approveAllLocations, boolean bulkInstallation) {
        return new CompanyInstallDetails(approvedLocations, installToFutureLocations, approveAllLocations,
                bulkInstallation);
    }

    /** Whether these details say nothing at all. */
    public boolean isNone() {
        return approvedLocations.isEmpty() && !installToFutureLocations && !approveAllLocations && !bulkInstallation;
    }
}
