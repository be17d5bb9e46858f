package io.accesshub.domain.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryDecisionTest {

    @Test
    void aDeliveryIsFinishedWhenTakenOrParkedAndStaysPendingForARetry() {
        assertThat(new DeliveryDecision.Delivered().stateAfter()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(new DeliveryDecision.Park().stateAfter()).isEqualTo(DeliveryState.PARKED);
        assertThat(new DeliveryDecision.RetryAt(Instant.parse("2026-11-30T10:00:00Z")).stateAfter())
            .isEqualTo(DeliveryState.PENDING);
    }

    @Test
    void aMessagesWebhookIdIsItsSequenceAsSubscribersSeeIt() {
        assertThat(RelayMessage.webhookId(42)).isEqualTo("msg_42");
    }
}
