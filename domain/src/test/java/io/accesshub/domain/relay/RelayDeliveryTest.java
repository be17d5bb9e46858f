package io.accesshub.domain.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.domain.installation.InstallationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RelayDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private static final SubscriptionId SUBSCRIPTION = SubscriptionId.of(UUID.randomUUID());

    private static RelayDelivery delivery(int attempts, Optional<Instant> first, DeliveryState state) {
        return new RelayDelivery(1, SUBSCRIPTION, 42, InstallationId.of(UUID.randomUUID()), RelayEventType.INSTALLED,
            "msg_42", "{}", state, attempts, first, NOW, NOW);
    }

    @Test
    void anyTwoHundredAnswerDeliversAndNothingElseDoes() {
        RelayDelivery fresh = delivery(0, Optional.empty(), DeliveryState.PENDING);
        assertThat(fresh.decide(AttemptResult.answered(204, Duration.ofMillis(3)), NOW, DeliveryBackoff.DEFAULT,
            () -> 1.0)).isEqualTo(new DeliveryDecision.Delivered());
        assertThat(fresh.decide(AttemptResult.answered(301, Duration.ofMillis(3)), NOW, DeliveryBackoff.DEFAULT,
            () -> 1.0)).isEqualTo(new DeliveryDecision.RetryAt(NOW.plusSeconds(10)));
        assertThat(fresh.decide(AttemptResult.failed("timeout", Duration.ofSeconds(5)), NOW, DeliveryBackoff.DEFAULT,
            () -> 1.0)).isEqualTo(new DeliveryDecision.RetryAt(NOW.plusSeconds(10)));
    }

    @Test
    void laterAttemptsBackOffFromTheFirstAndParkPastTheHorizon() {
        RelayDelivery third = delivery(2, Optional.of(NOW), DeliveryState.PENDING);
        assertThat(third.decide(AttemptResult.answered(500, Duration.ZERO), NOW.plusSeconds(40),
            DeliveryBackoff.DEFAULT, () -> 1.0)).isEqualTo(new DeliveryDecision.RetryAt(NOW.plusSeconds(80)));

        RelayDelivery old = delivery(25, Optional.of(NOW), DeliveryState.PENDING);
        assertThat(old.decide(AttemptResult.answered(500, Duration.ZERO), NOW.plus(Duration.ofHours(23).plusMinutes(30)),
            DeliveryBackoff.DEFAULT, () -> 1.0)).isEqualTo(new DeliveryDecision.Park());
    }

    @Test
    void onlyFinishedDeliveriesCanBeReplayed() {
        assertThat(delivery(3, Optional.of(NOW), DeliveryState.PARKED).replayable()).isTrue();
        assertThat(delivery(1, Optional.of(NOW), DeliveryState.DELIVERED).replayable()).isTrue();
        assertThat(delivery(1, Optional.of(NOW), DeliveryState.PENDING).replayable()).isFalse();
    }

    @Test
    void aFirstAttemptTimeComesExactlyWithAttempts() {
        assertThatThrownBy(() -> delivery(1, Optional.empty(), DeliveryState.PENDING))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> delivery(0, Optional.of(NOW), DeliveryState.PENDING))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAttemptHasAnAnswerOrAnErrorNeverBoth() {
        assertThatThrownBy(() -> new AttemptResult(Optional.of(200), Optional.of("timeout"), Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(AttemptResult.failed("timeout", Duration.ZERO).delivered()).isFalse();
    }
}
