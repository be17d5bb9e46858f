package io.accesshub.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.ReceiveWebhookUseCase;
import io.accesshub.application.port.in.ReceiveWebhookUseCase.ReceiveResult;
import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.WebhookInbox;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The webhook decorators count intake results and handled events, and pass every call on unchanged. */
class WebhookMeteringTest {

    private final List<String> counted = new ArrayList<>();
    private final WebhookMetering metering = new WebhookMetering(new HubMetrics() {
        @Override
        public void webhookIntake(String outcome) {
            counted.add("intake " + outcome);
        }

        @Override
        public void webhookProcessed(String outcome) {
            counted.add("processed " + outcome);
        }
    });

    @Test
    void eachIntakeResultIsCountedUnderItsOutcomeAndReturnedAsItWas() {
        ReceiveWebhookUseCase intake = metering.intake(new ReceiveWebhookUseCase() {
            @Override
            public ReceiveResult receive(ReceivedWebhook webhook) {
                return ReceiveResult.STORED;
            }

            @Override
            public ReceiveResult receiveForApp(String appName, ReceivedWebhook webhook) {
                return ReceiveResult.APP_MISMATCH;
            }
        });

        assertThat(intake.receive(null)).isEqualTo(ReceiveResult.STORED);
        assertThat(intake.receiveForApp("billing", null)).isEqualTo(ReceiveResult.APP_MISMATCH);
        assertThat(counted).containsExactly("intake accepted", "intake refused_app_mismatch");
    }

    @Test
    void handledEventsAreCountedAndEveryOtherInboxCallOnlyPassesOn() {
        List<String> calls = new ArrayList<>();
        WebhookInbox stored = (WebhookInbox) Proxy.newProxyInstance(WebhookInbox.class.getClassLoader(),
            new Class<?>[] {WebhookInbox.class}, (proxy, method, args) -> {
                calls.add(method.getName());
                return switch (method.getReturnType().getName()) {
                    case "boolean" -> true;
                    case "long" -> 7L;
                    case "int" -> 3;
                    case "java.util.Optional" -> Optional.empty();
                    case "java.util.List" -> List.of();
                    default -> null;
                };
            });
        WebhookInbox inbox = metering.inbox(stored);

        inbox.markDone(null);
        inbox.markFailed(null, "boom", Instant.EPOCH, false);
        inbox.markFailed(null, "boom", Instant.EPOCH, true);
        assertThat(inbox.store(null)).isTrue();
        assertThat(inbox.count()).isEqualTo(7);
        assertThat(inbox.claimNext("me", Duration.ofMinutes(1))).isEmpty();
        assertThat(inbox.countByStatus("NEW")).isEqualTo(7);
        assertThat(inbox.purgeDone(Duration.ofDays(1), 10)).isEqualTo(3);
        assertThat(inbox.forgetIds(Duration.ofDays(1), 10)).isEqualTo(3);
        assertThat(inbox.deadLetters(0, 10)).isEmpty();
        assertThat(inbox.replay(1)).isTrue();

        assertThat(counted).containsExactly("processed processed", "processed retry", "processed dead");
        assertThat(calls).containsExactly("markDone", "markFailed", "markFailed", "store", "count", "claimNext",
            "countByStatus", "purgeDone", "forgetIds", "deadLetters", "replay");
    }
}
