package io.accesshub.application.fakes;

import io.accesshub.application.port.out.RelaySubscriptions;
import io.accesshub.domain.relay.FailureStreak;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.domain.relay.SubscriptionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** {@link RelaySubscriptions} in a map, secrets in plain text, for tests of the application services. */
public final class InMemoryRelaySubscriptions implements RelaySubscriptions {

    private record Stored(RelaySubscription subscription, String secret, Optional<String> previous) {
    }

    private final Map<SubscriptionId, Stored> stored = new LinkedHashMap<>();
    private final List<Consumer<SubscriptionId>> deletionListeners = new CopyOnWriteArrayList<>();

    /** Calls {@code listener} after a subscription is deleted (the in-memory deliveries drop theirs). */
    void onDelete(Consumer<SubscriptionId> listener) {
        deletionListeners.add(listener);
    }

    @Override
    public synchronized void add(RelaySubscription subscription, String secret) {
        if (stored.containsKey(subscription.id())) {
            throw new IllegalStateException("subscription exists");
        }
        stored.put(subscription.id(), new Stored(subscription, secret, Optional.empty()));
    }

    @Override
    public synchronized Optional<RelaySubscription> find(SubscriptionId id) {
        return Optional.ofNullable(stored.get(id)).map(Stored::subscription);
    }

    @Override
    public synchronized List<RelaySubscription> all() {
        return stored.values().stream().map(Stored::subscription)
            .sorted(Comparator.comparing(RelaySubscription::createdAt).thenComparing(s -> s.id().toString()))
            .toList();
    }

    /** Whether the subscription exists and is {@code ACTIVE}. */
    synchronized boolean isActive(SubscriptionId id) {
        return find(id).map(s -> s.state() == SubscriptionState.ACTIVE).orElse(false);
    }

    /** Whether the subscription exists. */
    synchronized boolean exists(SubscriptionId id) {
        return stored.containsKey(id);
    }

    @Override
    public synchronized Optional<RelaySubscription> changeState(SubscriptionId id, SubscriptionState state,
                                                                Instant now) {
        return update(id, s -> s.withState(state, now));
    }

    @Override
    public synchronized boolean autoPause(SubscriptionId id, Instant now) {
        if (!isActive(id)) {
            return false;
        }
        update(id, s -> s.withState(SubscriptionState.AUTO_PAUSED, now));
        return true;
    }

    @Override
    public synchronized FailureStreak recordFailure(SubscriptionId id, Instant now) {
        return update(id, s -> withStreak(s, s.failures().afterFailure(now))).map(RelaySubscription::failures)
            .orElse(FailureStreak.NONE);
    }

    @Override
    public synchronized void recordSuccess(SubscriptionId id) {
        update(id, s -> withStreak(s, FailureStreak.NONE));
    }

    @Override
    public synchronized boolean rotateSecret(SubscriptionId id, String secret, Instant overlapUntil) {
        Stored current = stored.get(id);
        if (current == null) {
            return false;
        }
        RelaySubscription s = current.subscription();
        stored.put(id, new Stored(new RelaySubscription(s.id(), s.url(), s.filter(), s.description(), s.state(),
            s.createdAt(), s.stateChangedAt(), s.failures(), Optional.of(overlapUntil)), secret,
            Optional.of(current.secret())));
        return true;
    }

    @Override
    public synchronized List<String> signingSecrets(SubscriptionId id, Instant now) {
        Stored current = stored.get(id);
        if (current == null) {
            return List.of();
        }
        List<String> secrets = new ArrayList<>();
        secrets.add(current.secret());
        if (current.subscription().inSecretOverlap(now)) {
            current.previous().ifPresent(secrets::add);
        }
        return secrets;
    }

    @Override
    public boolean delete(SubscriptionId id) {
        boolean deleted;
        synchronized (this) {
            deleted = stored.remove(id) != null;
        }
        deletionListeners.forEach(listener -> listener.accept(id));
        return deleted;
    }

    private Optional<RelaySubscription> update(SubscriptionId id,
                                               java.util.function.UnaryOperator<RelaySubscription> change) {
        Stored current = stored.get(id);
        if (current == null) {
            return Optional.empty();
        }
        RelaySubscription next = change.apply(current.subscription());
        stored.put(id, new Stored(next, current.secret(), current.previous()));
        return Optional.of(next);
    }

    private static RelaySubscription withStreak(RelaySubscription s, FailureStreak streak) {
        return new RelaySubscription(s.id(), s.url(), s.filter(), s.description(), s.state(), s.createdAt(),
            s.stateChangedAt(), streak, s.secretOverlapUntil());
    }
}
