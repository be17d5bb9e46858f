package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationEvent;

import java.util.List;

/**
 * Publishes installation lifecycle events to whoever subscribes. Called inside the transaction that saved the
 * change, so an outbox implementation stores the events atomically with it and delivers them afterwards.
 */
public interface InstallationEventPublisher {

    /** Publishes the events, oldest first; an empty list is allowed and does nothing. */
    void publish(List<InstallationEvent> events);
}
