package io.accesshub.adapter.persistence.transaction;

import io.accesshub.application.port.out.TransactionRunner;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * {@link TransactionRunner} on Micronaut's JDBC transaction manager: commits when the work returns, rolls back
 * when it throws (the exception propagates unchanged) and joins a transaction already running on the thread.
 */
@Singleton
public class JdbcTransactionRunner implements TransactionRunner {

    private final TransactionOperations<Connection> transactions;

    JdbcTransactionRunner(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }
}
