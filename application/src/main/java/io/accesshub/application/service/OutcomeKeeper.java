package io.accesshub.application.service;

import io.accesshub.application.port.out.OperatorAlerts;
import io.accesshub.domain.shared.DomainException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Keeps what HighLevel answered until it is stored: a refreshed or minted pair, or the outcome of a refresh that
 * settles its attempt. The write is tried at once; when our own database fails at that moment, the write is retried
 * in the background with backoff for as long as the process lives, through outages of minutes, and the attempt stays
 * in flight meanwhile (its marker is only cleared by the write itself). A write that answers (stored, or refused
 * because someone else's pair won) is finished; a domain rule refusing it is a bug and is not retried.
 */
public final class OutcomeKeeper {

    /** A write that finishes the handling of one answer; returns normally once the database took it. */
    @FunctionalInterface
    public interface Write {
        /** Runs the write once; any exception means it did not happen and may be retried. */
        boolean attempt();
    }

    private final Executor background;
    private final Consumer<Duration> pause;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final OperatorAlerts alerts;
    private final ConcurrentMap<Object, Integer> kept = new ConcurrentHashMap<>();

    public OutcomeKeeper(Executor background, Consumer<Duration> pause, Duration firstRetry, Duration maxRetry,
                         OperatorAlerts alerts) {
        this.background = Objects.requireNonNull(background, "background");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.firstRetry = Objects.requireNonNull(firstRetry, "firstRetry");
        this.maxRetry = Objects.requireNonNull(maxRetry, "maxRetry");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    /**
     * Runs {@code write} now and returns its answer; {@code id} names what the answer is for (an installation id, an
     * installation key) so that nobody starts a second exchange for it while it is kept. When it throws, the write is kept and retried in the background
     * and the exception is rethrown to the caller (who answers "unavailable", never "lost").
     */
    public boolean writeOrKeep(Object id, String what, Write write) {
        try {
            return write.attempt();
        } catch (DomainException bug) {
            throw bug;
        } catch (RuntimeException failed) {
            // Every answer is kept, even a second one for the same key (two callbacks for one location): each
            // may be the only one that reaches the database.
            kept.merge(id, 1, Integer::sum);
            background.execute(() -> retry(id, what, write, failed));
            throw failed;
        }
    }

    /** Whether this instance holds an answer for {@code id} that is not stored yet. */
    public boolean isKeeping(Object id) {
        return kept.containsKey(id);
    }

    /** How many answers this instance holds unstored. */
    public int keptCount() {
        return kept.values().stream().mapToInt(Integer::intValue).sum();
    }

    private void retry(Object id, String what, Write write, RuntimeException first) {
        Duration wait = firstRetry;
        int attempts = 1;
        RuntimeException last = first;
        try {
            while (true) {
                if (attempts == 1 || attempts % 10 == 0) {
                    alerts.outcomeKeptForRetry(what + " of " + id, attempts, last.getClass().getName());
                }
                pause.accept(wait);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                attempts++;
                try {
                    write.attempt();
                    return;
                } catch (DomainException bug) {
                    return;
                } catch (RuntimeException failed) {
                    last = failed;
                    wait = wait.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : wait.multipliedBy(2);
                }
            }
        } finally {
            kept.computeIfPresent(id, (key, count) -> count > 1 ? count - 1 : null);
        }
    }
}
