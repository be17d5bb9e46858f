package io.accesshub.application.port.in;

import io.accesshub.domain.relay.SubscriptionId;
import java.time.Instant;
import java.util.List;

/**
 * Sends due relay deliveries to their subscribers: one subscription's batch at a time per caller, so that callers can
 * work subscriptions in parallel and a slow subscriber holds up only its own batch.
 */
public interface DeliverRelayEventsUseCase {

    /** The active subscriptions with deliveries due at {@code now}: the ones a delivery pass visits. */
    List<SubscriptionId> dueSubscriptions(Instant now);

    /**
     * Claims, sends (in parallel) and records one batch of the subscription's deliveries due at {@code now}; returns
     * how many were claimed (0 when nothing is due).
     */
    int deliverBatch(SubscriptionId subscription, Instant now);

    /** Deletes the delivery log older than the retention; returns how many rows went. */
    int purgeExpired(Instant now);
}
