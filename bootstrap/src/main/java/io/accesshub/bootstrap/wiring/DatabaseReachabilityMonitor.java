package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.out.DatabaseReachability;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Pings the database from a thread of its own, from the moment the hub starts, every {@code accesshub.database.ping-interval} (default 1 s) and
 * answers how long it has answered without a failure. A ping that has not succeeded recently (the pinger stalled,
 * the pool is exhausted) counts as unreachable, so the answer can only err towards "not long enough".
 */
@Context
public class DatabaseReachabilityMonitor implements DatabaseReachability {

    private final DataSource dataSource;
    private final long intervalNanos;
    private final ScheduledExecutorService pinger;
    private volatile long reachableSince = -1;
    private volatile long lastSuccess = -1;

    DatabaseReachabilityMonitor(DataSource dataSource,
                                @Value("${accesshub.database.ping-interval:1s}") Duration interval) {
        // the pool itself, not Micronaut's contextual proxy (which wants a surrounding transaction)
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.intervalNanos = interval.toNanos();
        this.pinger = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "database-ping");
            thread.setDaemon(true);
            return thread;
        });
        pinger.scheduleWithFixedDelay(this::ping, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ping() {
        boolean ok;
        try (Connection connection = dataSource.getConnection()) {
            ok = connection.isValid(2);
        } catch (Exception e) {
            ok = false;
        }
        long now = System.nanoTime();
        if (ok) {
            if (reachableSince < 0) {
                reachableSince = now;
            }
            lastSuccess = now;
        } else {
            reachableSince = -1;
        }
    }

    @Override
    public Duration reachableFor() {
        long since = reachableSince;
        long last = lastSuccess;
        long now = System.nanoTime();
        if (since < 0 || last < 0 || now - last > 3 * intervalNanos + TimeUnit.SECONDS.toNanos(2)) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(now - since);
    }

    @PreDestroy
    void stop() {
        pinger.shutdownNow();
    }
}
