package io.accesshub.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookRetentionTest {

    @Test
    void theDefaultsRememberIdsLongerThanEventsAndTheTolerance() {
        WebhookRetention retention = new WebhookRetention(Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(2));

        assertThat(retention.ids()).isGreaterThan(retention.events()).isGreaterThan(retention.timestampTolerance());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
            Arguments.of(Duration.ofDays(7), Duration.ofDays(29), Duration.ofHours(2), "at least 30 days"),
            Arguments.of(Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(31), "timestamp tolerance"),
            Arguments.of(Duration.ofDays(7), Duration.ofDays(30), Duration.ZERO, "tolerance is off"),
            Arguments.of(Duration.ofDays(40), Duration.ofDays(30), Duration.ofHours(2), "handled webhooks are kept"),
            Arguments.of(Duration.ZERO, Duration.ofDays(30), Duration.ofHours(2), "longer than 0"));
    }

    @ParameterizedTest(name = "events {0}, ids {1}, tolerance {2}: refused ({3})")
    @MethodSource("refused")
    void idsForgottenTooSoonAreRefusedWithAClearMessage(Duration events, Duration ids, Duration tolerance,
                                                         String message) {
        assertThatThrownBy(() -> new WebhookRetention(events, ids, tolerance))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
