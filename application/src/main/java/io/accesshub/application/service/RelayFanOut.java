package io.accesshub.application.service;

import io.accesshub.application.port.out.LifecycleOutbox.OutboxEntry;
import io.accesshub.application.port.out.LifecycleRelay;
import io.accesshub.application.port.out.RelayBodies;
import io.accesshub.application.port.out.RelayDeliveries;
import io.accesshub.application.port.out.RelayDeliveries.QueuedMessage;
import io.accesshub.application.port.out.RelaySubscriptions;
import io.accesshub.domain.relay.RelayMessage;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Queues each lifecycle outbox event for every subscription whose filter selects it (paused ones included, so they
 * get their events on resume), rendering the body once. Runs before the dispatcher acknowledges the events, and the
 * queue drops repeats, so every event is relayed at least once and queued once.
 */
public final class RelayFanOut implements LifecycleRelay {

    private final RelaySubscriptions subscriptions;
    private final RelayDeliveries deliveries;
    private final RelayBodies bodies;
    private final Clock clock;

    public RelayFanOut(RelaySubscriptions subscriptions, RelayDeliveries deliveries, RelayBodies bodies, Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void enqueue(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<RelaySubscription> all = subscriptions.all();
        if (all.isEmpty()) {
            return;
        }
        List<QueuedMessage> queued = new ArrayList<>();
        for (OutboxEntry entry : entries) {
            List<SubscriptionId> targets = all.stream().filter(s -> s.filter().matches(entry.event()))
                .map(RelaySubscription::id).toList();
            if (!targets.isEmpty()) {
                RelayMessage message = RelayMessage.of(entry.id(), entry.event());
                queued.add(new QueuedMessage(message, bodies.render(message), targets));
            }
        }
        if (!queued.isEmpty()) {
            deliveries.enqueue(queued, clock.instant());
        }
    }
}
