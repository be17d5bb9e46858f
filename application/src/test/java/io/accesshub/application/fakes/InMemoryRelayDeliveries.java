package io.accesshub.application.fakes;

import io.accesshub.application.port.out.RelayDeliveries;
import io.accesshub.domain.relay.AttemptResult;
import io.accesshub.domain.relay.DeliveryDecision;
import io.accesshub.domain.relay.DeliveryState;
import io.accesshub.domain.relay.RelayDelivery;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.RelayMessage;
import io.accesshub.domain.relay.SubscriptionId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link RelayDeliveries} in maps, for tests of the application services. Like the database adapter it queues only
 * for subscriptions that exist, claims only for active ones, and forgets a deleted subscription's deliveries; a lease
 * runs out by the {@code now} of a later claim (the database uses its own clock).
 */
public final class InMemoryRelayDeliveries implements RelayDeliveries {

    private record Lease(String owner, Instant until) {
    }

    private final InMemoryRelaySubscriptions subscriptions;
    private final Map<Long, RelayDelivery> deliveries = new TreeMap<>();
    private final Map<Long, Lease> leases = new TreeMap<>();
    private final Map<Long, Instant> finishedAt = new TreeMap<>();
    private final Map<Long, RelayAttempt> attempts = new TreeMap<>();
    private long nextDeliveryId = 1;
    private long nextAttemptId = 1;

    public InMemoryRelayDeliveries(InMemoryRelaySubscriptions subscriptions) {
        this.subscriptions = subscriptions;
        subscriptions.onDelete(this::forget);
    }

    @Override
    public synchronized void enqueue(List<QueuedMessage> messages, Instant now) {
        for (QueuedMessage queued : messages) {
            RelayMessage message = queued.message();
            for (SubscriptionId subscription : queued.subscriptions()) {
                boolean queuedBefore = deliveries.values().stream()
                    .anyMatch(d -> d.subscriptionId().equals(subscription) && d.sequence() == message.sequence());
                if (queuedBefore || !subscriptions.exists(subscription)) {
                    continue;
                }
                long id = nextDeliveryId++;
                deliveries.put(id, new RelayDelivery(id, subscription, message.sequence(),
                    message.event().installationId(), message.type(), message.webhookId(), queued.body(),
                    DeliveryState.PENDING, 0, Optional.empty(), now, now));
            }
        }
    }

    @Override
    public synchronized List<RelayDelivery> claimDue(SubscriptionId subscription, int limit, String owner,
                                                     Duration lease, Instant now) {
        if (!subscriptions.isActive(subscription)) {
            return List.of();
        }
        List<RelayDelivery> pending = deliveries.values().stream()
            .filter(d -> d.subscriptionId().equals(subscription) && d.state() == DeliveryState.PENDING).toList();
        List<RelayDelivery> due = pending.stream()
            .filter(d -> !d.nextAttemptAt().isAfter(now))
            .filter(d -> !leased(d.id(), now))
            .filter(d -> pending.stream().noneMatch(o -> o.installationId().equals(d.installationId())
                && o.sequence() < d.sequence()))
            .sorted(Comparator.comparing(RelayDelivery::nextAttemptAt).thenComparingLong(RelayDelivery::sequence))
            .limit(Math.max(limit, 0))
            .toList();
        due.forEach(d -> leases.put(d.id(), new Lease(owner, now.plus(lease))));
        return due;
    }

    @Override
    public synchronized List<SubscriptionId> dueSubscriptions(Instant now) {
        return subscriptions.all().stream().map(RelaySubscription::id)
            .filter(subscriptions::isActive)
            .filter(id -> deliveries.values().stream().anyMatch(d -> d.subscriptionId().equals(id)
                && d.state() == DeliveryState.PENDING && !d.nextAttemptAt().isAfter(now) && !leased(d.id(), now)))
            .toList();
    }

    private boolean leased(long id, Instant now) {
        Lease lease = leases.get(id);
        return lease != null && !lease.until().isBefore(now);
    }

    @Override
    public synchronized boolean record(RelayDelivery delivery, String owner, Instant attemptedAt,
                                       AttemptResult result, DeliveryDecision decision) {
        RelayDelivery current = deliveries.get(delivery.id());
        Lease lease = leases.get(delivery.id());
        if (current == null || lease == null || !lease.owner().equals(owner)
            || current.state() != DeliveryState.PENDING) {
            return false;
        }
        DeliveryState after = decision.stateAfter();
        Instant next = decision instanceof DeliveryDecision.RetryAt retry ? retry.at() : current.nextAttemptAt();
        long attemptId = nextAttemptId++;
        attempts.put(attemptId, new RelayAttempt(attemptId, current.id(), current.subscriptionId(),
            current.webhookId(), current.type(), current.sequence(), attemptedAt, result, after));
        deliveries.put(current.id(), new RelayDelivery(current.id(), current.subscriptionId(), current.sequence(),
            current.installationId(), current.type(), current.webhookId(), current.body(), after,
            current.attempts() + 1, Optional.of(current.firstAttemptAt().orElse(attemptedAt)), next,
            current.createdAt()));
        leases.remove(current.id());
        if (after != DeliveryState.PENDING) {
            finishedAt.put(current.id(), attemptedAt);
        }
        if (decision instanceof DeliveryDecision.RetryAt retry) {
            deliveries.replaceAll((id, d) -> d.subscriptionId().equals(current.subscriptionId())
                && d.installationId().equals(current.installationId()) && d.state() == DeliveryState.PENDING
                && d.sequence() > current.sequence() && d.nextAttemptAt().isBefore(retry.at())
                ? new RelayDelivery(d.id(), d.subscriptionId(), d.sequence(), d.installationId(), d.type(),
                    d.webhookId(), d.body(), d.state(), d.attempts(), d.firstAttemptAt(), retry.at(), d.createdAt())
                : d);
        }
        return true;
    }

    @Override
    public synchronized Optional<RelayDelivery> find(long deliveryId) {
        return Optional.ofNullable(deliveries.get(deliveryId));
    }

    @Override
    public synchronized List<RelayDelivery> deliveries(SubscriptionId subscription, Optional<DeliveryState> state,
                                                       int limit, Optional<Long> beforeId) {
        return deliveries.values().stream()
            .filter(d -> d.subscriptionId().equals(subscription))
            .filter(d -> state.map(s -> d.state() == s).orElse(true))
            .filter(d -> beforeId.map(b -> d.id() < b).orElse(true))
            .sorted(Comparator.comparingLong(RelayDelivery::id).reversed())
            .limit(Math.max(limit, 0))
            .toList();
    }

    @Override
    public synchronized List<RelayAttempt> attempts(SubscriptionId subscription, int limit, Optional<Long> beforeId) {
        return attempts.values().stream()
            .filter(a -> a.subscriptionId().equals(subscription))
            .filter(a -> beforeId.map(b -> a.id() < b).orElse(true))
            .sorted(Comparator.comparingLong(RelayAttempt::id).reversed())
            .limit(Math.max(limit, 0))
            .toList();
    }

    @Override
    public synchronized Optional<RelayDelivery> replay(long deliveryId, Instant now) {
        RelayDelivery current = deliveries.get(deliveryId);
        if (current == null || !current.replayable()) {
            return Optional.empty();
        }
        RelayDelivery replayed = new RelayDelivery(current.id(), current.subscriptionId(), current.sequence(),
            current.installationId(), current.type(), current.webhookId(), current.body(), DeliveryState.PENDING, 0,
            Optional.empty(), now, current.createdAt());
        deliveries.put(deliveryId, replayed);
        leases.remove(deliveryId);
        finishedAt.remove(deliveryId);
        return Optional.of(replayed);
    }

    @Override
    public synchronized void restartRetries(SubscriptionId subscription, Instant now) {
        deliveries.replaceAll((id, d) -> !d.subscriptionId().equals(subscription) || d.state() != DeliveryState.PENDING
            ? d : new RelayDelivery(d.id(), d.subscriptionId(), d.sequence(), d.installationId(), d.type(),
                d.webhookId(), d.body(), d.state(), d.attempts(), d.firstAttemptAt().map(first -> now),
                d.nextAttemptAt().isAfter(now) ? now : d.nextAttemptAt(), d.createdAt()));
    }

    @Override
    public synchronized long pendingCount(SubscriptionId subscription) {
        return deliveries.values().stream()
            .filter(d -> d.subscriptionId().equals(subscription) && d.state() == DeliveryState.PENDING).count();
    }

    /** Old attempts first; finished deliveries (with their remaining attempts) only once none is left in the limit. */
    @Override
    public synchronized int purge(Instant before, int limit) {
        List<Long> oldAttempts = attempts.values().stream().filter(a -> a.attemptedAt().isBefore(before))
            .map(RelayAttempt::id).limit(Math.max(limit, 0)).toList();
        oldAttempts.forEach(attempts::remove);
        int removed = oldAttempts.size();
        int left = limit - removed;
        if (left <= 0) {
            return removed;
        }
        List<Long> finished = finishedAt.entrySet().stream().filter(e -> e.getValue().isBefore(before))
            .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).limit(left).toList();
        for (Long id : finished) {
            List<Long> remaining = attempts.values().stream().filter(a -> a.deliveryId() == id)
                .map(RelayAttempt::id).toList();
            remaining.forEach(attempts::remove);
            deliveries.remove(id);
            finishedAt.remove(id);
            removed += remaining.size() + 1;
        }
        return removed;
    }

    private synchronized void forget(SubscriptionId subscription) {
        List<Long> gone = new ArrayList<>(deliveries.values().stream()
            .filter(d -> d.subscriptionId().equals(subscription)).map(RelayDelivery::id).toList());
        gone.forEach(id -> {
            deliveries.remove(id);
            leases.remove(id);
            finishedAt.remove(id);
        });
        attempts.values().removeIf(a -> a.subscriptionId().equals(subscription));
    }
}
