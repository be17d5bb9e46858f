package io.accesshub.application.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A grant's lease and attempt marker as last written, read without taking anything.
 *
 * @param leased whether a lease is held and not yet expired (database clock)
 * @param attemptInFlight whether a refresh token was presented and its outcome never stored
 * @param leaseExpiredFor how long the last lease has been expired (zero while it lasts; since the attempt when no
 *     lease is recorded)
 * @param attemptAge how long ago the attempt in flight was recorded, if there is one
 */
public record LeaseState(boolean leased, boolean attemptInFlight, Duration leaseExpiredFor,
                         Optional<Duration> attemptAge) {

    public LeaseState {
        Objects.requireNonNull(leaseExpiredFor, "leaseExpiredFor");
        Objects.requireNonNull(attemptAge, "attemptAge");
    }
}
