package io.accesshub.adapter.http.webhook;

import io.accesshub.application.port.in.ManageDeadLettersUseCase.DeadLetterView;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A dead-lettered webhook as the admin API shows it. */
@Serdeable
public record DeadLetterResponse(long id, String webhookId, String type, int attempts, Instant receivedAt,
                                 String lastError) {

    static DeadLetterResponse of(DeadLetterView view) {
        return new DeadLetterResponse(view.id(), view.webhookId(),
            HighLevelWebhookTranslator.highLevelType(view.kind(), view.otherType()), view.attempts(), view.receivedAt(),
            view.lastError());
    }
}
