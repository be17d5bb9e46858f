package io.accesshub.domain.grant;

import io.accesshub.domain.installation.InstallationStatus;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a holder of a grant's refresh lease does first, before anything is sent: the rule that decides between
 * leaving the grant alone, taking it off the schedule, presenting its refresh token, or entering the recovery ladder
 * at once (an earlier holder's attempt whose outcome was never stored, or nothing that could be presented).
 */
public sealed interface RefreshStart {

    /** The grant does not need a refresh now. */
    record NotNeeded() implements RefreshStart {
    }

    /** The installation does not hold a grant that may be refreshed (needs reauthorization): stop scheduling it. */
    record Park() implements RefreshStart {
    }

    /** Present the grant's refresh token. */
    record Present() implements RefreshStart {
    }

    /** Enter the recovery ladder with {@code failure}, as if a refresh token had been presented at {@code presentedAt}. */
    record Recover(RefreshFailure failure, Instant presentedAt) implements RefreshStart {
        public Recover {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(presentedAt, "presentedAt");
        }
    }

    /**
     * Decides the first step.
     *
     * @param status the installation's status
     * @param due whether the grant needs a refresh now (proactively or for a read)
     * @param unfinishedAttemptAt when an earlier holder presented the refresh token without storing the outcome
     * @param hasRefreshToken whether the grant holds a refresh token
     * @param alwaysRemint whether the app's policy re-mints this location grant from its agency instead of refreshing
     * @param now the holder's time
     */
    static RefreshStart decide(InstallationStatus status, boolean due, Optional<Instant> unfinishedAttemptAt,
                               boolean hasRefreshToken, boolean alwaysRemint, Instant now) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(unfinishedAttemptAt, "unfinishedAttemptAt");
        Objects.requireNonNull(now, "now");
        if (status == InstallationStatus.NEEDS_REAUTH || !status.isInstalled() || status == InstallationStatus.PENDING) {
            return new Park();
        }
        if (unfinishedAttemptAt.isPresent()) {
            return new Recover(RefreshFailure.HOLDER_LOST, unfinishedAttemptAt.get());
        }
        if (!due) {
            return new NotNeeded();
        }
        if (!hasRefreshToken || alwaysRemint) {
            return new Recover(RefreshFailure.REJECTED, now);
        }
        return new Present();
    }
}
