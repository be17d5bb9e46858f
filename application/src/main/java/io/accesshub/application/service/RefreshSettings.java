package io.accesshub.application.service;

import io.accesshub.domain.grant.RefreshRecovery;
import io.accesshub.domain.grant.RefreshTiming;
import java.time.Duration;
import java.util.Objects;

/**
 * How the refresh engine behaves: when grants are due, how long a lease lasts compared with the HighLevel request
 * timeout, how long a reader waits for a refresh another instance holds, and the backoff after failures.
 */
public record RefreshSettings(RefreshTiming timing, RefreshRecovery recovery, Duration leaseDuration,
                              Duration requestTimeout, Duration waitForOtherHolder, Duration pollInterval,
                              Duration backoffBase, Duration backoffMax) {

    public RefreshSettings {
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(recovery, "recovery");
        if (leaseDuration.compareTo(requestTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the refresh lease must last at least twice the HighLevel request "
                + "timeout, so that no request is sent by a holder whose lease could expire before the answer");
        }
    }

    /** Defaults: 60 s lease, 15 s request timeout, readers wait up to 20 s, backoff 30 s doubling to 15 min. */
    public static RefreshSettings defaults() {
        return new RefreshSettings(RefreshTiming.DEFAULT, RefreshRecovery.DEFAULT, Duration.ofSeconds(60),
            Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofMillis(50), Duration.ofSeconds(30),
            Duration.ofMinutes(15));
    }
}
