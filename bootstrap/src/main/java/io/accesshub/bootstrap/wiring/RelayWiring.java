package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.LifecycleRelay;
import io.accesshub.application.port.out.OperatorAlerts;
import io.accesshub.application.port.out.RelayBodies;
import io.accesshub.application.port.out.RelayDeliveries;
import io.accesshub.application.port.out.RelaySubscriptions;
import io.accesshub.application.port.out.RelayTransport;
import io.accesshub.application.service.RelayDeliveryService;
import io.accesshub.application.service.RelayFanOut;
import io.accesshub.application.service.RelaySubscriptionService;
import io.accesshub.domain.relay.AutoPause;
import io.accesshub.domain.relay.DeliveryBackoff;
import io.accesshub.domain.relay.RelayDestination;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Wires the lifecycle event relay (ADR-38): the fan-out the lifecycle dispatcher calls, the operators' subscription
 * service and the delivery service with its settings, all from {@code accesshub.relay.*} (README lists the
 * environment variables).
 */
@Factory
public class RelayWiring {

    private final String owner = HubWiring.hostName() + "-relay-"
        + Long.toHexString(new SecureRandom().nextLong() & 0xffffffL);
    private final AtomicInteger sendThreads = new AtomicInteger();

    @Singleton
    RelayDestination relayDestination(@Value("${accesshub.relay.allowed-hosts:}") String allowedHosts) {
        return new RelayDestination(Arrays.stream(allowedHosts.split(",")).map(String::trim)
            .filter(h -> !h.isEmpty()).collect(Collectors.toSet()));
    }

    @Singleton
    LifecycleRelay lifecycleRelay(RelaySubscriptions subscriptions, RelayDeliveries deliveries, RelayBodies bodies,
                                  Clock clock) {
        return new RelayFanOut(subscriptions, deliveries, bodies, clock);
    }

    @Singleton
    RelaySubscriptionService relaySubscriptionService(RelaySubscriptions subscriptions, RelayDeliveries deliveries,
        RelayTransport transport, RelayDestination destination,
        @Value("${accesshub.relay.secret-overlap:24h}") Duration overlap, Clock clock) {
        return new RelaySubscriptionService(subscriptions, deliveries, transport, new RandomIds(), destination,
            overlap, clock);
    }

    /** The threads that send deliveries: made on demand, so one subscriber's slow sends never wait for another's. */
    @Bean(preDestroy = "shutdownNow")
    @Named("relay-sends")
    ExecutorService relaySends() {
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "relay-send-" + sendThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Singleton
    RelayDeliveryService relayDeliveryService(RelaySubscriptions subscriptions, RelayDeliveries deliveries,
        RelayTransport transport, RelayDestination destination, @Named("relay-sends") ExecutorService sends,
        OperatorAlerts alerts, HubMetrics metrics,
        @Value("${accesshub.relay.parallel-sends:8}") int parallelSends,
        @Value("${accesshub.relay.lease:30s}") Duration lease,
        @Value("${accesshub.relay.retry.first:10s}") Duration firstRetry,
        @Value("${accesshub.relay.retry.longest:1h}") Duration longestRetry,
        @Value("${accesshub.relay.retry.give-up-after:24h}") Duration giveUpAfter,
        @Value("${accesshub.relay.auto-pause.min-failures:20}") int autoPauseFailures,
        @Value("${accesshub.relay.auto-pause.after:12h}") Duration autoPauseAfter,
        @Value("${accesshub.relay.retention:7d}") Duration retention,
        @Value("${accesshub.relay.connect-timeout:2s}") Duration connectTimeout,
        @Value("${accesshub.relay.read-timeout:5s}") Duration readTimeout) {
        Duration needed = connectTimeout.plus(readTimeout).plusSeconds(5);
        if (lease.compareTo(needed) < 0) {
            throw new IllegalStateException("ACCESSHUB_RELAY_LEASE (" + lease + ") must be at least the connect and"
                + " read timeouts plus 5 s (" + needed + "), else another instance may send a batch again while it is"
                + " still being sent");
        }
        return new RelayDeliveryService(subscriptions, deliveries, transport, destination,
            new RelayDeliveryService.Settings(parallelSends, lease,
                new DeliveryBackoff(firstRetry, longestRetry, giveUpAfter),
                new AutoPause(autoPauseFailures, autoPauseAfter), retention),
            sends, () -> ThreadLocalRandom.current().nextDouble(), alerts, metrics, owner);
    }

}
