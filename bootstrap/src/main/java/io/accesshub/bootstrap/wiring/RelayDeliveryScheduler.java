package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.DeliverRelayEventsUseCase;
import io.accesshub.domain.relay.SubscriptionId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers relay events: every {@code accesshub.relay.interval} (default 1 s) each active subscription that is not
 * already being worked gets a pump of its own, which sends its due batches back to back until none is due. So a
 * subscriber that never answers holds up only its own pump, never another's. At most
 * {@code accesshub.relay.max-concurrent-subscriptions} (default 32) pumps run at once per instance, each for a turn of
 * at most {@code accesshub.relay.pump-turn} (default 10 s) before it queues again behind the others; the delivery log
 * past its retention is purged every {@code accesshub.relay.purge-interval} (default 1 h).
 */
@Singleton
@Requires(property = "accesshub.relay.enabled", notEquals = "false")
public class RelayDeliveryScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(RelayDeliveryScheduler.class);

    private final DeliverRelayEventsUseCase delivery;
    private final Clock clock;
    private final ExecutorService pumps;
    private final Set<SubscriptionId> pumping = ConcurrentHashMap.newKeySet();
    private final Duration turn;
    private volatile boolean stopping;

    public RelayDeliveryScheduler(DeliverRelayEventsUseCase delivery, Clock clock,
                                  @Value("${accesshub.relay.max-concurrent-subscriptions:32}") int maxPumps,
                                  @Value("${accesshub.relay.pump-turn:10s}") Duration turn) {
        this.delivery = delivery;
        this.clock = clock;
        this.turn = turn;
        AtomicInteger threads = new AtomicInteger();
        this.pumps = Executors.newFixedThreadPool(maxPumps, task -> {
            Thread thread = new Thread(task, "relay-pump-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(fixedDelay = "${accesshub.relay.interval:1s}", initialDelay = "5s")
    void deliver() {
        try {
            for (SubscriptionId subscription : delivery.dueSubscriptions(clock.instant())) {
                if (pumping.add(subscription)) {
                    try {
                        pumps.execute(() -> pump(subscription));
                    } catch (RejectedExecutionException shuttingDown) {
                        pumping.remove(subscription);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Relay delivery could not list subscriptions now; it tries again at the next interval", e);
        }
    }

    private void pump(SubscriptionId subscription) {
        try {
            long until = System.nanoTime() + turn.toNanos();
            while (!stopping && System.nanoTime() < until && delivery.deliverBatch(subscription, clock.instant()) > 0) {
                // the next batch right away: a busy subscriber is drained at its own pace, for one turn; then its
                // pump queues again behind the others, so slow subscribers cannot keep every pump thread
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warn("Relay delivery to subscription {} stopped for now; it resumes at the next interval",
                    subscription, e);
            }
        } finally {
            pumping.remove(subscription);
        }
    }

    @Scheduled(fixedDelay = "${accesshub.relay.purge-interval:1h}", initialDelay = "1m")
    void purge() {
        try {
            int purged = delivery.purgeExpired(clock.instant());
            if (purged > 0) {
                LOG.info("Purged {} relay delivery log rows past their retention", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging the relay delivery log failed; it runs again at the next interval", e);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        pumps.shutdownNow();
    }
}
