package io.accesshub.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookRetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @ParameterizedTest(name = "after attempt {0} the event is retried in {1} s")
    @CsvSource({"1, 60", "2, 120", "3, 240", "7, 3840"})
    void aFailedEventIsRetriedWithDoublingBackoff(int attempts, long seconds) {
        assertThat(WebhookRetryPolicy.afterFailure(attempts, "boom", NOW))
            .isEqualTo(new WebhookOutcome.RetryLater(NOW.plusSeconds(seconds), "boom"));
    }

    @ParameterizedTest(name = "after attempt {0} the event is dead")
    @CsvSource({"8", "9"})
    void theEighthFailureMakesADeadLetter(int attempts) {
        assertThat(WebhookRetryPolicy.afterFailure(attempts, "boom", NOW)).isEqualTo(new WebhookOutcome.Dead("boom"));
    }
}
