package io.accesshub.application.fakes;

/** An in-memory fake that {@link InMemoryTransactionRunner} can roll back. */
public interface TransactionalFake {

    /** Captures the current state and returns the action that restores it. */
    Runnable snapshot();
}
