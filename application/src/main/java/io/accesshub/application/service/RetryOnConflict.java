package io.accesshub.application.service;

import io.accesshub.application.port.out.AlreadyExistsException;
import io.accesshub.application.port.out.ConcurrentUpdateException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Re-runs a read-decide-write step that lost a race (an optimistic-locking {@link ConcurrentUpdateException}, or an
 * {@link AlreadyExistsException} when another writer inserted the same row first), so that the decision is made again
 * on the newer state; gives up after a few tries, when the row keeps changing.
 */
final class RetryOnConflict {

    /** How many times a step is tried before the conflict is given up on. */
    static final int ATTEMPTS = 5;

    private RetryOnConflict() {
    }

    /** The step's result, or empty when every try lost a race. */
    static <T> Optional<T> run(Supplier<T> step) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return Optional.ofNullable(step.get());
            } catch (ConcurrentUpdateException | AlreadyExistsException raced) {
                // someone saved first: read again and decide on the newer state
            }
        }
        return Optional.empty();
    }

    /** Runs a step that returns nothing; returns whether it went through. */
    static boolean runStep(Runnable step) {
        return run(() -> {
            step.run();
            return Boolean.TRUE;
        }).isPresent();
    }
}
