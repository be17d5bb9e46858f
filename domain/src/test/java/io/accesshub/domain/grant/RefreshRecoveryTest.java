package io.accesshub.domain.grant;

import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.shared.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static io.accesshub.domain.testing.DomainFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshRecoveryTest {

    private final RefreshRecovery recovery = RefreshRecovery.DEFAULT; // 20 s grace

    @ParameterizedTest(name = "{0}, {1}s after presenting, retried {2}, re-mint possible {3}, tried {4} -> {5}")
    @CsvSource({
            // failure,           seconds since presented, same token retried, remint possible, remint tried, step
            "TRANSIENT,           1,   false, false, false, Degrade",
            "TRANSIENT,           600, true,  true,  true,  Degrade",
            "LOCATION_NOT_ACTIVE, 1,   false, true,  false, Suspend",
            "NO_ANSWER,           5,   false, false, false, RetrySameRefreshToken",
            "NO_ANSWER,           19,  false, true,  false, RetrySameRefreshToken",
            "NO_ANSWER,           20,  false, true,  false, RemintFromCompany",
            "NO_ANSWER,           5,   true,  true,  false, RemintFromCompany",
            "NO_ANSWER,           5,   true,  true,  true,  MarkNeedsReauth",
            "NO_ANSWER,           60,  false, false, false, MarkNeedsReauth",
            "REJECTED,            1,   false, true,  false, RemintFromCompany",
            "REJECTED,            1,   false, true,  true,  MarkNeedsReauth",
            "REJECTED,            1,   false, false, false, MarkNeedsReauth",
    })
    void aGrantIsDeclaredLostOnlyWhenNoRecoveryPathRemains(RefreshFailure failure, long secondsSincePresented,
                                                          boolean sameTokenRetried, boolean remintPossible,
                                                          boolean remintTried, String expected) {
        Instant presentedAt = NOW.minusSeconds(secondsSincePresented);
        RecoveryAttempts attempts = new RecoveryAttempts(presentedAt, sameTokenRetried, remintPossible, remintTried);

        RecoveryStep step = recovery.next(failure, attempts, NOW);

        assertThat(step.getClass().getSimpleName()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} gives reason {1}")
    @CsvSource({
            "TRANSIENT,           MARKETPLACE_UNAVAILABLE",
            "LOCATION_NOT_ACTIVE, LOCATION_NOT_ACTIVE",
            "NO_ANSWER,           REFRESH_OUTCOME_LOST",
            "REJECTED,            REFRESH_TOKEN_REJECTED",
    })
    void eachFinalStepNamesItsReason(RefreshFailure failure, StateReason reason) {
        RecoveryAttempts exhausted = new RecoveryAttempts(NOW.minusSeconds(600), true, false, false);

        RecoveryStep step = recovery.next(failure, exhausted, NOW);

        StateReason actual;
        if (step instanceof RecoveryStep.Degrade degrade) {
            actual = degrade.reason();
        } else if (step instanceof RecoveryStep.Suspend suspend) {
            actual = suspend.reason();
        } else if (step instanceof RecoveryStep.MarkNeedsReauth reauth) {
            actual = reauth.reason();
        } else {
            throw new AssertionError("unexpected " + step);
        }
        assertThat(actual).isEqualTo(reason);
    }

    @ParameterizedTest(name = "a transient failure never leads to needs-reauth ({0} attempts)")
    @EnumSource(value = RefreshFailure.class, names = "TRANSIENT")
    void aTransientFailureNeverLeadsToNeedsReauth(RefreshFailure transientFailure) {
        RecoveryAttempts attempts = RecoveryAttempts.firstFailure(NOW.minus(Duration.ofHours(1)), false)
                .afterSameTokenRetry().afterRemint();

        assertThat(recovery.next(transientFailure, attempts, NOW)).isInstanceOf(RecoveryStep.Degrade.class);
    }

    @Test
    void theLadderIsClimbedOneRungAtATimeAfterALostAnswer() {
        RecoveryAttempts attempts = RecoveryAttempts.firstFailure(NOW, true);

        assertThat(recovery.next(RefreshFailure.NO_ANSWER, attempts, NOW.plusSeconds(2)))
                .isInstanceOf(RecoveryStep.RetrySameRefreshToken.class);
        attempts = attempts.afterSameTokenRetry();
        assertThat(recovery.next(RefreshFailure.REJECTED, attempts, NOW.plusSeconds(3)))
                .isInstanceOf(RecoveryStep.RemintFromCompany.class);
        attempts = attempts.afterRemint();
        assertThat(recovery.next(RefreshFailure.REJECTED, attempts, NOW.plusSeconds(4)))
                .isEqualTo(new RecoveryStep.MarkNeedsReauth(StateReason.REFRESH_TOKEN_REJECTED));
    }

    @Test
    void aGraceWindowOfThirtySecondsOrMoreIsRefused() {
        assertThatThrownBy(() -> new RefreshRecovery(Duration.ofSeconds(30))).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new RecoveryStep.Degrade(StateReason.REFRESHED)).isInstanceOf(DomainException.class);
    }
}
