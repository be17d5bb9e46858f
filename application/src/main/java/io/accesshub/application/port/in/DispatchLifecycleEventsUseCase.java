package io.accesshub.application.port.in;

/** Delivers committed lifecycle events from the outbox to the registered listeners, at least once. */
public interface DispatchLifecycleEventsUseCase {

    /** Delivers one batch; returns how many events it delivered. */
    int dispatchBatch();
}
