package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static io.accesshub.domain.testing.DomainFixtures.NOW;
import static io.accesshub.domain.testing.DomainFixtures.installationId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshTimingTest {

    /** 30 min window, 365 d refresh token life, 30 d margin, 60 s on-demand margin. */
    private final RefreshTiming timing = RefreshTiming.DEFAULT;

    private static Grant grant(Duration accessTokenLeft, Duration refreshTokenAge, boolean withRefreshToken) {
        Instant issuedAt = NOW.minus(refreshTokenAge);
        Instant expiresAt = NOW.plus(accessTokenLeft);
        if (!expiresAt.isAfter(issuedAt)) {
            issuedAt = expiresAt.minusSeconds(86_399);
        }
        return Grant.rehydrate(installationId(1), GrantSource.DIRECT_INSTALL, AccessToken.of("a"), expiresAt,
                withRefreshToken ? Optional.of(RefreshToken.of("r")) : Optional.empty(), issuedAt,
                Scopes.none(), RefreshBookkeeping.none(), 0L);
    }

    @ParameterizedTest(name = "access token left {0}, refresh token age {1}, refresh token {2} -> {3}")
    @CsvSource({
            // access token left, refresh token age, has refresh token, expected
            "PT23H,     PT1H,    true,  NOT_DUE",
            "PT31M,     PT23H,   true,  NOT_DUE",
            "PT30M,     PT23H,   true,  ACCESS_TOKEN_EXPIRING",
            "PT29M59S,  PT23H,   true,  ACCESS_TOKEN_EXPIRING",
            "PT1S,      PT23H,   true,  ACCESS_TOKEN_EXPIRING",
            "PT0S,      PT24H,   true,  ACCESS_TOKEN_EXPIRED",
            "-PT5H,     PT29H,   true,  ACCESS_TOKEN_EXPIRED",
            "PT23H,     P334D,   true,  NOT_DUE",
            "PT23H,     P335D,   true,  REFRESH_TOKEN_AGING",
            "PT23H,     P400D,   true,  REFRESH_TOKEN_AGING",
            "PT10M,     P340D,   true,  ACCESS_TOKEN_EXPIRING",
            "PT23H,     P400D,   false, NOT_DUE",
            "PT10M,     PT23H,   false, ACCESS_TOKEN_EXPIRING",
            "-PT1S,     PT24H,   false, ACCESS_TOKEN_EXPIRED",
    })
    void refreshIsDueWhenTheAccessTokenEntersTheWindowOrTheRefreshTokenNearsOneYear(
            Duration accessTokenLeft, Duration refreshTokenAge, boolean withRefreshToken, String expected) {
        RefreshAssessment assessment = timing.assess(grant(accessTokenLeft, refreshTokenAge, withRefreshToken), NOW);

        String actual = assessment instanceof RefreshAssessment.Due due ? due.reason().name() : "NOT_DUE";
        assertThat(actual).isEqualTo(expected);
        assertThat(assessment.isDue()).isEqualTo(!expected.equals("NOT_DUE"));
    }

    @Test
    void aGrantNotDueSaysWhenItWillBe() {
        Grant grant = grant(Duration.ofHours(23), Duration.ofHours(1), true);

        RefreshAssessment assessment = timing.assess(grant, NOW);

        assertThat(assessment).isEqualTo(new RefreshAssessment.NotDue(
                grant.accessTokenExpiresAt().minus(Duration.ofMinutes(30))));
        assertThat(timing.dueAt(grant)).isEqualTo(assessment.dueAt());
    }

    @Test
    void theDueInstantOfAnAgingRefreshTokenComesFromItsIssueTime() {
        Grant grant = grant(Duration.ofHours(23), Duration.ofDays(340), true);

        assertThat(timing.dueAt(grant)).isEqualTo(grant.issuedAt().plus(Duration.ofDays(335)));
    }

    @ParameterizedTest(name = "access token left {0} -> usable {1}")
    @CsvSource({
            "PT23H,   true",
            "PT10M,   true",
            "PT61S,   true",
            "PT60S,   false",
            "PT10S,   false",
            "-PT1S,   false",
    })
    void anAccessTokenIsUsableOnDemandOnlyIfItOutlivesTheSafetyMargin(Duration accessTokenLeft, boolean usable) {
        assertThat(timing.isUsableAt(grant(accessTokenLeft, Duration.ofHours(2), true), NOW)).isEqualTo(usable);
        assertThat(timing.isUsableAt(NOW.plus(accessTokenLeft), NOW)).isEqualTo(usable);
    }

    @ParameterizedTest(name = "window {0}, life {1}, margin {2}, on-demand {3} is refused")
    @CsvSource({
            "PT0S,   P365D, P30D,  PT60S",
            "-PT1M,  P365D, P30D,  PT60S",
            "PT30M,  PT0S,  PT0S,  PT60S",
            "PT30M,  P365D, P365D, PT60S",
            "PT30M,  P365D, -P1D,  PT60S",
            "PT30M,  P365D, P30D,  PT30M",
            "PT30M,  P365D, P30D,  -PT1S",
    })
    void inconsistentTimingsAreRefused(Duration window, Duration life, Duration margin, Duration onDemand) {
        assertThatThrownBy(() -> new RefreshTiming(window, life, margin, onDemand))
                .isInstanceOf(DomainException.class);
    }
}
