package io.accesshub.adapter.http.relay;

import io.accesshub.domain.relay.RelayDelivery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A delivery of one event to one subscription: where it stands and when it is tried next. */
@Serdeable
public record DeliveryResponse(long id, String subscriptionId, String webhookId, String type, long sequence,
                               String installationId, String state, int attempts, @Nullable String firstAttemptAt,
                               String nextAttemptAt, String createdAt) {

    static DeliveryResponse of(RelayDelivery d) {
        return new DeliveryResponse(d.id(), d.subscriptionId().toString(), d.webhookId(), d.type().wireName(),
            d.sequence(), d.installationId().toString(), d.state().name(), d.attempts(),
            d.firstAttemptAt().map(Instant::toString).orElse(null), d.nextAttemptAt().toString(),
            d.createdAt().toString());
    }
}
