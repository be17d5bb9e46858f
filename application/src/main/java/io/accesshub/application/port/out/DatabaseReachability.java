package io.accesshub.application.port.out;

import java.time.Duration;

/**
 * How long this instance has reached its database without a failure: zero right after an outage or at start, so
 * that judgements made on database time (is a holder gone?) never count time this instance could not observe.
 */
public interface DatabaseReachability {

    /** How long the database has answered this instance without a failure in between. */
    Duration reachableFor();
}
