package io.accesshub.domain.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.domain.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RejectionReportLimitTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final RejectionReportLimit TWO_PER_MINUTE = new RejectionReportLimit(2, Duration.ofMinutes(1));

    private static Instant secondsAgo(long seconds) {
        return NOW.minusSeconds(seconds);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            Arguments.of("none before", List.of(), null),
            Arguments.of("one in the window", List.of(secondsAgo(10)), null),
            Arguments.of("two in the window: the older leaves in 20 s", List.of(secondsAgo(40), secondsAgo(10)),
                Duration.ofSeconds(20)),
            Arguments.of("three in the window: the second newest leaves in 50 s",
                List.of(secondsAgo(50), secondsAgo(10), secondsAgo(5)), Duration.ofSeconds(50)),
            Arguments.of("one exactly a window ago no longer counts", List.of(secondsAgo(60), secondsAgo(1)), null),
            Arguments.of("old starts are ignored", List.of(secondsAgo(3600), secondsAgo(120), secondsAgo(30)), null),
            Arguments.of("order does not matter", List.of(secondsAgo(10), secondsAgo(40)), Duration.ofSeconds(20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aReValidationStartsOnlyWhileFewerThanTheLimitStartedInTheSlidingWindow(String name, List<Instant> earlier,
                                                                                 Duration refusedFor) {
        RejectionReportLimit.Decision decision = TWO_PER_MINUTE.decide(earlier, NOW);

        if (refusedFor == null) {
            assertThat(decision).isEqualTo(new RejectionReportLimit.Decision.Admitted());
        } else {
            assertThat(decision).isEqualTo(new RejectionReportLimit.Decision.Refused(refusedFor));
        }
    }

    @Test
    void aLimitAllowsAtLeastOneReValidationInAPositiveWindow() {
        assertThatThrownBy(() -> new RejectionReportLimit(0, Duration.ofMinutes(1)))
            .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new RejectionReportLimit(1, Duration.ZERO)).isInstanceOf(DomainException.class);
    }
}
