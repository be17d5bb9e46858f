package io.accesshub.application.service;

import io.accesshub.application.port.in.ManageRelaySubscriptionsUseCase;
import io.accesshub.application.port.out.RelayDeliveries;
import io.accesshub.application.port.out.RelayDeliveries.RelayAttempt;
import io.accesshub.application.port.out.RelayIdentities;
import io.accesshub.application.port.out.RelaySubscriptions;
import io.accesshub.application.port.out.RelayTransport;
import io.accesshub.domain.relay.DeliveryState;
import io.accesshub.domain.relay.RelayDelivery;
import io.accesshub.domain.relay.RelayDestination;
import io.accesshub.domain.relay.RelayFilter;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.domain.relay.SubscriptionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's side of the relay: subscriptions are judged by {@link RelayDestination} (the URL's form and the
 * addresses its host resolves to now) before they are stored; secrets are made here and shown once.
 */
public final class RelaySubscriptionService implements ManageRelaySubscriptionsUseCase {

    private final RelaySubscriptions subscriptions;
    private final RelayDeliveries deliveries;
    private final RelayTransport transport;
    private final RelayIdentities identities;
    private final RelayDestination destination;
    private final Duration secretOverlap;
    private final Clock clock;

    public RelaySubscriptionService(RelaySubscriptions subscriptions, RelayDeliveries deliveries,
                                    RelayTransport transport, RelayIdentities identities,
                                    RelayDestination destination, Duration secretOverlap, Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.identities = Objects.requireNonNull(identities, "identities");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.secretOverlap = Objects.requireNonNull(secretOverlap, "secretOverlap");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (secretOverlap.isNegative()) {
            throw new IllegalArgumentException("the secret overlap cannot be negative");
        }
    }

    @Override
    public CreateOutcome create(String url, RelayFilter filter, String description) {
        Optional<RelayDestination.Refusal> refusal = destination.judgeUrl(url);
        if (refusal.isEmpty()) {
            String host = RelayDestination.hostOf(url);
            refusal = destination.judgeAddresses(host, transport.resolve(host));
        }
        if (refusal.isPresent()) {
            return new CreateOutcome.Refused(refusal.get());
        }
        RelaySubscription subscription = RelaySubscription.create(identities.newSubscriptionId(), url, filter,
            description, clock.instant());
        String secret = identities.newSigningSecret();
        subscriptions.add(subscription, secret);
        return new CreateOutcome.Created(subscription, secret);
    }

    @Override
    public List<SubscriptionView> list() {
        return subscriptions.all().stream().map(s -> new SubscriptionView(s, deliveries.pendingCount(s.id())))
            .toList();
    }

    @Override
    public Optional<SubscriptionView> find(SubscriptionId id) {
        return subscriptions.find(id).map(s -> new SubscriptionView(s, deliveries.pendingCount(id)));
    }

    @Override
    public Optional<RelaySubscription> pause(SubscriptionId id) {
        return subscriptions.changeState(id, SubscriptionState.PAUSED, clock.instant());
    }

    @Override
    public Optional<RelaySubscription> resume(SubscriptionId id) {
        Instant now = clock.instant();
        Optional<RelaySubscription> resumed = subscriptions.changeState(id, SubscriptionState.ACTIVE, now);
        // waiting events go out now, and the time spent paused does not count against their retry horizon
        resumed.ifPresent(s -> deliveries.restartRetries(id, now));
        return resumed;
    }

    @Override
    public RotateOutcome rotateSecret(SubscriptionId id, boolean force) {
        Instant now = clock.instant();
        Optional<RelaySubscription> current = subscriptions.find(id);
        if (current.isEmpty()) {
            return new RotateOutcome.NotFound();
        }
        if (!force && current.get().inSecretOverlap(now)) {
            return new RotateOutcome.OverlapRunning(current.get().secretOverlapUntil().orElseThrow());
        }
        String secret = identities.newSigningSecret();
        Instant overlapUntil = now.plus(secretOverlap);
        if (!subscriptions.rotateSecret(id, secret, overlapUntil)) {
            return new RotateOutcome.NotFound();
        }
        return subscriptions.find(id).<RotateOutcome>map(s -> new RotateOutcome.Rotated(s, secret, overlapUntil))
            .orElseGet(RotateOutcome.NotFound::new);
    }

    @Override
    public boolean delete(SubscriptionId id) {
        return subscriptions.delete(id);
    }

    @Override
    public List<RelayDelivery> deliveries(SubscriptionId id, Optional<DeliveryState> state, int limit,
                                          Optional<Long> beforeId) {
        return deliveries.deliveries(id, state, limit, beforeId);
    }

    @Override
    public List<RelayAttempt> attempts(SubscriptionId id, int limit, Optional<Long> beforeId) {
        return deliveries.attempts(id, limit, beforeId);
    }

    @Override
    public ReplayOutcome replay(long deliveryId) {
        Optional<RelayDelivery> replayed = deliveries.replay(deliveryId, clock.instant());
        if (replayed.isPresent()) {
            return new ReplayOutcome.Replayed(replayed.get());
        }
        return deliveries.find(deliveryId).<ReplayOutcome>map(ReplayOutcome.StillPending::new)
            .orElseGet(ReplayOutcome.NotFound::new);
    }
}
