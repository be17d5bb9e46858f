package io.accesshub.domain.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryBackoffTest {

    private static final Instant FIRST = Instant.parse("2026-11-30T08:00:00Z");
    private final DeliveryBackoff backoff = DeliveryBackoff.DEFAULT;

    @Test
    void waitsDoubleFromTenSecondsUpToAnHour() {
        assertThat(backoff.nextAttempt(1, FIRST, FIRST, () -> 1.0)).contains(FIRST.plusSeconds(10));
        assertThat(backoff.nextAttempt(2, FIRST, FIRST, () -> 1.0)).contains(FIRST.plusSeconds(20));
        assertThat(backoff.nextAttempt(4, FIRST, FIRST, () -> 1.0)).contains(FIRST.plusSeconds(80));
        assertThat(backoff.nextAttempt(30, FIRST, FIRST, () -> 1.0)).contains(FIRST.plus(Duration.ofHours(1)));
    }

    @Test
    void jitterDrawsEachWaitBetweenHalfAndAllOfIt() {
        assertThat(backoff.nextAttempt(3, FIRST, FIRST, () -> 0.0)).contains(FIRST.plusSeconds(20));
        assertThat(backoff.nextAttempt(3, FIRST, FIRST, () -> 0.5)).contains(FIRST.plusSeconds(30));
    }

    @Test
    void aDeliveryIsParkedOnceTheNextAttemptWouldComeADayAfterTheFirst() {
        Instant late = FIRST.plus(Duration.ofHours(23)).plusSeconds(30 * 60);

        assertThat(backoff.nextAttempt(40, FIRST, late, () -> 0.0)).as("half an hour left, waits 30 min").isPresent();
        assertThat(backoff.nextAttempt(40, FIRST, late, () -> 0.999999)).as("an hour would pass the day").isEmpty();
    }

    @Test
    void aDayOfFailuresIsAboutThirtyAttempts() {
        Instant now = FIRST;
        int attempts = 1;
        while (true) {
            java.util.Optional<Instant> next = backoff.nextAttempt(attempts, FIRST, now, () -> 0.999999);
            if (next.isEmpty()) {
                break;
            }
            now = next.get();
            attempts++;
        }
        assertThat(attempts).isBetween(25, 35);
        assertThat(Duration.between(FIRST, now)).isLessThanOrEqualTo(Duration.ofHours(24));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new DeliveryBackoff(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(24)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryBackoff(Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(24)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.nextAttempt(0, FIRST, FIRST, () -> 0.5))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
