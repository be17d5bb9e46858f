package io.accesshub.application.port.out;

import io.accesshub.domain.fleet.FleetSnapshot;

/** Counts over the whole fleet, read from the shared database on its clock. */
public interface FleetStatistics {

    /** The fleet now. */
    FleetSnapshot read();
}
