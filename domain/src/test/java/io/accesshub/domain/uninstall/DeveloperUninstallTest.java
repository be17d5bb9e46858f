package io.accesshub.domain.uninstall;

import static io.accesshub.domain.testing.DomainFixtures.NOW;
import static io.accesshub.domain.testing.DomainFixtures.installationId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.domain.shared.DomainException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DeveloperUninstallTest {

    private static final UninstallRequest REQUEST =
        UninstallRequest.requested(installationId(7), UninstallReason.DEFAULT, NOW);

    @ParameterizedTest(name = "{0} completes the uninstall")
    @EnumSource(value = MarketplaceAnswer.class, names = {"REMOVED", "NOT_INSTALLED"})
    void anAnswerSayingTheAppIsGoneCompletesTheUninstall(MarketplaceAnswer answer) {
        assertThat(DeveloperUninstall.next(REQUEST, answer, Optional.empty(), NOW))
            .isInstanceOf(UninstallStep.Complete.class);
    }

    @Test
    void revokedCredentialsCompleteOnlyARequestForWhichACallMayHaveBeenSent() {
        assertThat(DeveloperUninstall.next(REQUEST.sending(), MarketplaceAnswer.CREDENTIALS_REVOKED,
            Optional.empty(), NOW)).as("a lost answer").isInstanceOf(UninstallStep.Complete.class);
        assertThat(DeveloperUninstall.next(REQUEST, MarketplaceAnswer.CREDENTIALS_REVOKED, Optional.empty(), NOW))
            .as("HighLevel was never told").isEqualTo(new UninstallStep.RetryLater(new UninstallRequest(
                REQUEST.installationId(), REQUEST.reason(), NOW, 1, NOW.plusSeconds(30),
                Optional.of(UninstallFailure.NO_USABLE_CREDENTIALS))));
    }

    @ParameterizedTest(name = "{0} is retried as {1}")
    @CsvSource({
        "UNAVAILABLE,         MARKETPLACE_UNAVAILABLE",
        "APP_MISCONFIGURED,   APP_MISCONFIGURED",
        "LOCATION_NOT_ACTIVE, LOCATION_NOT_ACTIVE",
        "REFUSED,             REFUSED"})
    void anyOtherAnswerKeepsTheRequestForARetry(MarketplaceAnswer answer, UninstallFailure failure) {
        UninstallStep step = DeveloperUninstall.next(REQUEST, answer, Optional.empty(), NOW);

        assertThat(step).isEqualTo(new UninstallStep.RetryLater(new UninstallRequest(REQUEST.installationId(),
            REQUEST.reason(), NOW, 1, NOW.plusSeconds(30), Optional.of(failure))));
    }

    @ParameterizedTest(name = "failure {0} waits {1} s")
    @CsvSource({"1, 30", "2, 60", "3, 120", "7, 1920", "8, 3600", "40, 3600"})
    void failuresWaitTwiceAsLongEachTimeUpToAnHour(int failures, long seconds) {
        assertThat(UninstallBackoff.after(failures, Optional.empty())).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void aLongerRetryAfterFromHighLevelIsHonouredButCapped() {
        assertThat(UninstallBackoff.after(1, Optional.of(Duration.ofSeconds(90)))).isEqualTo(Duration.ofSeconds(90));
        assertThat(UninstallBackoff.after(3, Optional.of(Duration.ofSeconds(5)))).isEqualTo(Duration.ofSeconds(120));
        assertThat(UninstallBackoff.after(1, Optional.of(Duration.ofDays(1)))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void eachFailureCountsAndKeepsWhenItWasRequested() {
        UninstallRequest twice = REQUEST.failed(UninstallFailure.REFUSED, Optional.empty(), NOW)
            .failed(UninstallFailure.MARKETPLACE_UNAVAILABLE, Optional.empty(), NOW.plusSeconds(30));

        assertThat(twice.attempts()).isEqualTo(2);
        assertThat(twice.requestedAt()).isEqualTo(NOW);
        assertThat(twice.nextAttemptAt()).isEqualTo(NOW.plusSeconds(90));
        assertThat(twice.lastFailure()).contains(UninstallFailure.MARKETPLACE_UNAVAILABLE);
    }

    @Test
    void aReasonIsTrimmedAndDefaultsWhenAbsent() {
        assertThat(new UninstallReason("  moving to v2  ").value()).isEqualTo("moving to v2");
        assertThat(UninstallReason.orDefault(Optional.empty()).value()).isEqualTo("Uninstalled by the app");
    }

    @Test
    void aBlankOrTooLongReasonIsRefused() {
        assertThatThrownBy(() -> new UninstallReason("   ")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new UninstallReason("x".repeat(UninstallReason.MAX_LENGTH + 1)))
            .isInstanceOf(DomainException.class);
        assertThat(new UninstallReason("x".repeat(UninstallReason.MAX_LENGTH)).value())
            .hasSize(UninstallReason.MAX_LENGTH);
    }
}
