package io.accesshub.domain.grant;

import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.shared.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The recovery ladder after a failed refresh, so that a grant is never declared lost while a path remains:
 * <ul>
 *   <li>transient failures and unknown refusals only degrade (never needs-reauth); "Location is not active"
 *       suspends; refused client credentials change nothing (the app is misconfigured, not the grant);</li>
 *   <li>no answer (or a holder that stopped after sending): present the same refresh token again while still inside HighLevel's grace window (which returns
 *       the same new pair), then re-mint from the agency when possible, and only then needs-reauth;</li>
 *   <li>rejected (after a re-read showed no newer pair): re-mint from the agency when possible, else
 *       needs-reauth.</li>
 * </ul>
 * {@code graceWindow} must stay below HighLevel's 30 s, leaving room for the retry's own travel time.
 */
public record RefreshRecovery(Duration graceWindow) {

    /** A 20-second grace window (HighLevel's is 30 s). */
    public static final RefreshRecovery DEFAULT = new RefreshRecovery(Duration.ofSeconds(20));

    public RefreshRecovery {
        Objects.requireNonNull(graceWindow, "graceWindow");
        DomainException.require(!graceWindow.isNegative() && graceWindow.compareTo(Duration.ofSeconds(30)) < 0,
                "grace window must be at least zero and below HighLevel's 30 seconds");
    }

    /** The next step for a refresh that failed with {@code failure}, judged at {@code now}. */
    public RecoveryStep next(RefreshFailure failure, RecoveryAttempts attempts, Instant now) {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(attempts, "attempts");
        Objects.requireNonNull(now, "now");
        return switch (failure) {
            case TRANSIENT -> new RecoveryStep.Degrade(StateReason.MARKETPLACE_UNAVAILABLE);
            case REFUSED -> new RecoveryStep.Degrade(StateReason.REFRESH_REFUSED);
            case CLIENT_REJECTED -> new RecoveryStep.HoldForAppCredentials();
            case LOCATION_NOT_ACTIVE -> new RecoveryStep.Suspend(StateReason.LOCATION_NOT_ACTIVE);
            case NO_ANSWER -> retryInsideGraceOr(attempts, now, StateReason.REFRESH_OUTCOME_LOST);
            case HOLDER_LOST -> retryInsideGraceOr(attempts, now, StateReason.REFRESH_HOLDER_LOST);
            case REJECTED -> remintOrGiveUp(attempts, StateReason.REFRESH_TOKEN_REJECTED);
        };
    }

    private RecoveryStep retryInsideGraceOr(RecoveryAttempts attempts, Instant now, StateReason lost) {
        if (!attempts.sameTokenRetried() && now.isBefore(attempts.presentedAt().plus(graceWindow))) {
            return new RecoveryStep.RetrySameRefreshToken();
        }
        return remintOrGiveUp(attempts, lost);
    }

    private static RecoveryStep remintOrGiveUp(RecoveryAttempts attempts, StateReason reason) {
        if (attempts.remintPossible() && !attempts.remintTried()) {
            return new RecoveryStep.RemintFromCompany();
        }
        return new RecoveryStep.MarkNeedsReauth(reason);
    }
}
