package io.accesshub.application.fakes;

import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.domain.installation.InstallationEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * In-memory {@link InstallationEventPublisher} that records what was published. Taking part in
 * {@link InMemoryTransactionRunner} transactions, it forgets events of a rolled-back transaction like an outbox.
 */
public final class RecordingInstallationEventPublisher implements InstallationEventPublisher, TransactionalFake {

    private final List<InstallationEvent> published = new ArrayList<>();

    @Override
    public synchronized void publish(List<InstallationEvent> events) {
        Objects.requireNonNull(events, "events");
        events.forEach(e -> published.add(Objects.requireNonNull(e, "event")));
    }

    /** Everything published so far, oldest first. */
    public synchronized List<InstallationEvent> published() {
        return List.copyOf(published);
    }

    @Override
    public synchronized Runnable snapshot() {
        List<InstallationEvent> copy = List.copyOf(published);
        return () -> {
            synchronized (this) {
                published.clear();
                published.addAll(copy);
            }
        };
    }
}
