package io.accesshub.application.service;

import io.accesshub.domain.grant.HolderLiveness;
import io.accesshub.domain.grant.LeaseBudget;
import io.accesshub.domain.grant.RefreshBackoff;
import io.accesshub.domain.grant.RefreshRecovery;
import io.accesshub.domain.grant.RefreshTiming;
import java.time.Duration;
import java.util.Objects;

/**
 * How the refresh engine behaves: when grants are due ({@code timing}), the recovery ladder, the backoff after
 * failures, when a silent holder counts as gone, how much lease a send needs, how long a lease lasts, how long a
 * reader waits for a refresh another holder runs and how often it looks.
 */
public record RefreshSettings(RefreshTiming timing, RefreshRecovery recovery, RefreshBackoff backoff,
                              HolderLiveness liveness, LeaseBudget budget, Duration leaseDuration,
                              Duration waitForOtherHolder, Duration pollInterval) {

    public RefreshSettings {
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(waitForOtherHolder, "waitForOtherHolder");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (!budget.allowsSend(leaseDuration)) {
            throw new IllegalArgumentException("the refresh lease (" + leaseDuration + ") must outlast one request to"
                + " HighLevel: connect timeout + read timeout + completion (" + budget.perSend() + ")");
        }
    }

    /**
     * Defaults: 60 s lease, 5 s connect + 15 s read + 5 s completion per send, readers wait up to 20 s, holders gone
     * after 60 s, backoff 30 s doubling to 15 min.
     */
    public static RefreshSettings defaults() {
        return new RefreshSettings(RefreshTiming.DEFAULT, RefreshRecovery.DEFAULT, RefreshBackoff.DEFAULT,
            HolderLiveness.DEFAULT, new LeaseBudget(Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(5)), Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofMillis(50));
    }
}
