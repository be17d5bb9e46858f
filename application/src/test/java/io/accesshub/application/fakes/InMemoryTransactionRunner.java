package io.accesshub.application.fakes;

import io.accesshub.application.port.out.TransactionRunner;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * In-memory {@link TransactionRunner}: transactions run one at a time; when the outermost one throws, the
 * participating fakes are restored to their state before it. Nested calls join the outer transaction. Writes made
 * outside any transaction by other threads meanwhile may be undone by a rollback (good enough for a fake).
 */
public final class InMemoryTransactionRunner implements TransactionRunner {

    private final List<TransactionalFake> participants;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger committed = new AtomicInteger();
    private final AtomicInteger rolledBack = new AtomicInteger();

    public InMemoryTransactionRunner(TransactionalFake... participants) {
        this.participants = List.of(participants);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (lock.isHeldByCurrentThread()) {
            return work.get();
        }
        lock.lock();
        try {
            List<Runnable> restores = participants.stream().map(TransactionalFake::snapshot).toList();
            try {
                T result = work.get();
                committed.incrementAndGet();
                return result;
            } catch (RuntimeException | Error e) {
                restores.forEach(Runnable::run);
                rolledBack.incrementAndGet();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many outermost transactions committed. */
    public int committedCount() {
        return committed.get();
    }

    /** How many outermost transactions rolled back. */
    public int rolledBackCount() {
        return rolledBack.get();
    }
}
