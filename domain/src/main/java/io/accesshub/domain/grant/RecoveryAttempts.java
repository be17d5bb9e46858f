package io.accesshub.domain.grant;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a failed refresh stands on the recovery ladder: when the refresh token was presented, whether it was
 * already presented again inside the grace window, whether a re-mint from the agency is possible (see
 * {@code LocationTokenPolicy}) and whether it was already tried.
 */
public record RecoveryAttempts(Instant presentedAt, boolean sameTokenRetried, boolean remintPossible,
                               boolean remintTried) {

    public RecoveryAttempts {
        Objects.requireNonNull(presentedAt, "presentedAt");
    }

    /** The first failure of a refresh token presented at {@code presentedAt}. */
    public static RecoveryAttempts firstFailure(Instant presentedAt, boolean remintPossible) {
        return new RecoveryAttempts(presentedAt, false, remintPossible, false);
    }

    /** After the same refresh token was presented again. */
    public RecoveryAttempts afterSameTokenRetry() {
        return new RecoveryAttempts(presentedAt, true, remintPossible, remintTried);
    }

    /** After a re-mint from the agency was tried. */
    public RecoveryAttempts afterRemint() {
        return new RecoveryAttempts(presentedAt, sameTokenRetried, remintPossible, true);
    }
}
