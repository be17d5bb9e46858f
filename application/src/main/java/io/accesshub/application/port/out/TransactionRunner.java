package io.accesshub.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: committed when the work returns, rolled back when it throws (the
 * exception propagates unchanged); a call inside a running transaction joins it.
 */
public interface TransactionRunner {

    /** Runs {@code work} in a transaction and returns its result. */
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code work} in a transaction. */
    default void runInTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
