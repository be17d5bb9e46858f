package io.accesshub.application.service;

import io.accesshub.application.port.in.DeliverRelayEventsUseCase;
import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.OperatorAlerts;
import io.accesshub.application.port.out.RelayDeliveries;
import io.accesshub.application.port.out.RelaySubscriptions;
import io.accesshub.application.port.out.RelayTransport;
import io.accesshub.domain.relay.AttemptResult;
import io.accesshub.domain.relay.AutoPause;
import io.accesshub.domain.relay.DeliveryBackoff;
import io.accesshub.domain.relay.DeliveryDecision;
import io.accesshub.domain.relay.FailureStreak;
import io.accesshub.domain.relay.RelayDelivery;
import io.accesshub.domain.relay.RelayDestination;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.webhooks.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/**
 * Sends relay deliveries: claims a subscription's due batch under a lease, checks the addresses its host resolves to
 * now ({@link RelayDestination}, against DNS rebinding), signs each body afresh with every valid secret (Standard
 * Webhooks), sends the batch in parallel, and records each attempt with the decision the domain takes: delivered,
 * retried with backoff, or parked. A subscription whose attempts keep failing is paused ({@link AutoPause}).
 */
public final class RelayDeliveryService implements DeliverRelayEventsUseCase {

    /** The error recorded when the subscriber's host resolves to an address it may not receive at. */
    public static final String ADDRESS_REFUSED = "address_refused";
    /** The error recorded when the subscriber's host resolves to nothing. */
    public static final String UNRESOLVED = "unresolved";
    /** The error recorded when the subscription's signing secrets could not be read (a key missing from the keyset). */
    public static final String SECRET_UNREADABLE = "secret_unreadable";
    /** The error recorded when a send broke down inside the hub. */
    public static final String INTERNAL_ERROR = "internal_error";

    private final RelaySubscriptions subscriptions;
    private final RelayDeliveries deliveries;
    private final RelayTransport transport;
    private final RelayDestination destination;
    private final Settings settings;
    private final Executor sends;
    private final DoubleSupplier jitter;
    private final OperatorAlerts alerts;
    private final HubMetrics metrics;
    private final String owner;

    /**
     * How deliveries are batched, leased, retried and paused.
     *
     * @param batchSize the most deliveries of one subscription claimed and sent at once (its parallel sends)
     * @param lease     how long a claimed batch is held: longer than a send's connect and read timeouts together
     * @param retention how long the delivery log (attempts, finished deliveries) is kept
     */
    public record Settings(int batchSize, Duration lease, DeliveryBackoff backoff, AutoPause autoPause,
                           Duration retention) {
        public Settings {
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(autoPause, "autoPause");
            Objects.requireNonNull(retention, "retention");
            if (batchSize < 1 || lease.isNegative() || lease.isZero() || retention.isNegative()) {
                throw new IllegalArgumentException("relay batch size and lease must be positive");
            }
        }
    }

    public RelayDeliveryService(RelaySubscriptions subscriptions, RelayDeliveries deliveries, RelayTransport transport,
                                RelayDestination destination, Settings settings, Executor sends,
                                DoubleSupplier jitter, OperatorAlerts alerts, HubMetrics metrics, String owner) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sends = Objects.requireNonNull(sends, "sends");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public List<SubscriptionId> dueSubscriptions(Instant now) {
        return deliveries.dueSubscriptions(now);
    }

    @Override
    public int deliverBatch(SubscriptionId id, Instant now) {
        Optional<RelaySubscription> subscription = subscriptions.find(id);
        if (subscription.isEmpty() || !subscription.get().state().sends()) {
            return 0;
        }
        String url = subscription.get().url();
        // resolved and checked before the claim, so a slow DNS answer never eats the lease
        Optional<String> refused = refusal(url);
        List<String> secrets;
        try {
            secrets = subscriptions.signingSecrets(id, now);
        } catch (RuntimeException unreadable) {
            secrets = List.of();
            refused = refused.or(() -> Optional.of(SECRET_UNREADABLE));
        }
        if (secrets.isEmpty() && refused.isEmpty()) {
            return 0; // deleted meanwhile
        }
        List<RelayDelivery> claimed = deliveries.claimDue(id, settings.batchSize(), owner, settings.lease(), now);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<AttemptResult>> attempts = new ArrayList<>(claimed.size());
        for (RelayDelivery delivery : claimed) {
            if (refused.isPresent()) {
                attempts.add(CompletableFuture.completedFuture(AttemptResult.failed(refused.get(), Duration.ZERO)));
            } else {
                List<String> signing = secrets;
                attempts.add(CompletableFuture.supplyAsync(() -> send(url, signing, delivery, now), sends)
                    .exceptionally(failed -> AttemptResult.failed(INTERNAL_ERROR, Duration.ZERO)));
            }
        }
        boolean anyDelivered = false;
        FailureStreak streak = null;
        for (int i = 0; i < claimed.size(); i++) {
            RelayDelivery delivery = claimed.get(i);
            AttemptResult result = attempts.get(i).join();
            DeliveryDecision decision = delivery.decide(result, now, settings.backoff(), jitter);
            if (!deliveries.record(delivery, owner, now, result, decision)) {
                metrics.relayAttempt("lease_lost");
                continue;
            }
            metrics.relayAttempt(outcome(decision, refused.isPresent()));
            if (result.delivered()) {
                anyDelivered = true;
            } else {
                streak = subscriptions.recordFailure(id, now);
            }
        }
        if (anyDelivered) {
            subscriptions.recordSuccess(id);
        } else if (streak != null && settings.autoPause().due(streak, now) && subscriptions.autoPause(id, now)) {
            alerts.relaySubscriptionPaused(id, streak.failures(), streak.since().orElse(now));
        }
        return claimed.size();
    }

    @Override
    public int purgeExpired(Instant now) {
        int purged = 0;
        for (int batch = deliveries.purge(now.minus(settings.retention()), 1_000); batch > 0;
             batch = deliveries.purge(now.minus(settings.retention()), 1_000)) {
            purged += batch;
        }
        return purged;
    }

    /** The fixed error name when the URL's host may not be reached now, else empty. */
    private Optional<String> refusal(String url) {
        String host = RelayDestination.hostOf(url);
        return destination.judgeAddresses(host, transport.resolve(host)).map(r ->
            r == RelayDestination.Refusal.UNRESOLVED ? UNRESOLVED : ADDRESS_REFUSED);
    }

    private AttemptResult send(String url, List<String> secrets, RelayDelivery delivery, Instant now) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = Map.of(
            StandardWebhooks.ID_HEADER, delivery.webhookId(),
            StandardWebhooks.TIMESTAMP_HEADER, Long.toString(timestamp),
            StandardWebhooks.SIGNATURE_HEADER, StandardWebhooks.signatureHeader(secrets, delivery.webhookId(),
                timestamp, body),
            "Content-Type", "application/json");
        return transport.send(url, headers, body);
    }

    private static String outcome(DeliveryDecision decision, boolean refused) {
        if (decision instanceof DeliveryDecision.Delivered) {
            return "delivered";
        }
        if (decision instanceof DeliveryDecision.Park) {
            return "parked";
        }
        return refused ? "refused" : "retry";
    }
}
