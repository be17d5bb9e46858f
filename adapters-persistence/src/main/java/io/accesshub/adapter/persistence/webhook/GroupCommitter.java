package io.accesshub.adapter.persistence.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers hand in one item each and wait for its result; one writer thread takes whatever has queued up
 * (up to a batch size) and writes it in one transaction, so concurrent webhook deliveries share a commit instead of
 * paying one each. When a batch fails, its items are written one by one so that one bad item fails alone. A caller
 * waits at most {@code maxWait}; a full queue or a late write fails the caller at once (the webhook then answers
 * 429), never silently.
 *
 * @param <T> the item
 * @param <R> its result
 */
final class GroupCommitter<T, R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    private final BlockingQueue<Pending<T, R>> queue;
    private final Function<List<T>, List<R>> writeBatch;
    private final int batchSize;
    private final Duration maxWait;
    private final Thread writer;
    private volatile boolean running = true;

    /**
     * @param writeBatch writes the items in one transaction and returns one result per item, in order; throws when the
     *                   transaction failed (nothing written)
     */
    GroupCommitter(String name, int batchSize, int queueCapacity, Duration maxWait,
                   Function<List<T>, List<R>> writeBatch) {
        if (batchSize < 1 || queueCapacity < batchSize || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("batch size >= 1, queue capacity >= batch size, max wait > 0");
        }
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writeBatch = writeBatch;
        this.batchSize = batchSize;
        this.maxWait = maxWait;
        this.writer = new Thread(this::run, name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Writes the item with others queued at the same time; its result, or the write's failure. */
    R submit(T item) {
        Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw new GroupCommitUnavailableException("the write queue is full or closed");
        }
        try {
            return pending.result().get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            pending.result().cancel(false);
            throw new GroupCommitUnavailableException("the write did not complete within " + maxWait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            pending.result().cancel(false);
            throw new GroupCommitUnavailableException("interrupted while waiting for the write");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new GroupCommitUnavailableException("the write failed: " + failed.getCause().getClass().getName());
        }
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>(batchSize);
        while (running) {
            try {
                Pending<T, R> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                batch.removeIf(p -> p.result().isDone());
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error unexpected) {
                LOG.error("Group commit writer failed on a batch; its callers see the failure", unexpected);
                batch.forEach(p -> p.result().completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending<T, R>> batch) {
        try {
            complete(batch, writeBatch.apply(batch.stream().map(Pending::item).toList()));
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(batchFailed);
                return;
            }
            for (Pending<T, R> pending : batch) {
                if (pending.result().isDone()) {
                    continue;
                }
                try {
                    complete(List.of(pending), writeBatch.apply(List.of(pending.item())));
                } catch (RuntimeException alone) {
                    pending.result().completeExceptionally(alone);
                }
            }
        }
    }

    private void complete(List<Pending<T, R>> batch, List<R> results) {
        if (results.size() != batch.size()) {
            throw new IllegalStateException("a batch of " + batch.size() + " got " + results.size() + " results");
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    /** How many items wait for the writer (for tests). */
    int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        List<Pending<T, R>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.result().completeExceptionally(new GroupCommitUnavailableException("closed")));
    }

    /** The write could not be done in time (queue full, closed, or too slow): the caller should answer 429. */
    static final class GroupCommitUnavailableException extends RuntimeException {
        GroupCommitUnavailableException(String message) {
            super(message);
        }
    }
}
