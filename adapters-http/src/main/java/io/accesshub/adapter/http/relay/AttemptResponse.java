package io.accesshub.adapter.http.relay;

import io.accesshub.application.port.out.RelayDeliveries.RelayAttempt;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One delivery attempt: the subscriber's status code (or a fixed error name), its latency and what followed. */
@Serdeable
public record AttemptResponse(long id, long deliveryId, String webhookId, String type, long sequence,
                              String attemptedAt, @Nullable Integer answerCode, @Nullable String error, long latencyMs,
                              String stateAfter) {

    static AttemptResponse of(RelayAttempt a) {
        return new AttemptResponse(a.id(), a.deliveryId(), a.webhookId(), a.type().wireName(), a.sequence(),
            a.attemptedAt().toString(), a.result().answerCode().orElse(null), a.result().error().orElse(null),
            a.result().latency().toMillis(), a.stateAfter().name());
    }
}
