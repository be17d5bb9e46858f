package io.accesshub.bootstrap.e2e;

import io.accesshub.application.port.out.LifecycleEventListener;
import io.accesshub.application.port.out.WebhookEventHandler;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationEvent;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** What another team's extension beans look like; present only in contexts started with {@code e2e.extensions}. */
final class RecordingExtensions {

    private RecordingExtensions() {
    }

    /** Records every lifecycle event it is given. */
    @Singleton
    @Requires(property = "e2e.extensions", value = "true")
    static class RecordingLifecycleListener implements LifecycleEventListener {
        final List<InstallationEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(InstallationEvent event) {
            events.add(event);
        }
    }

    /** Records {@code ContactCreate} events; fails once for a contact whose body names {@code "fail-once"}. */
    @Singleton
    @Requires(property = "e2e.extensions", value = "true")
    static class RecordingContactHandler implements WebhookEventHandler {
        record Received(VerifiedWebhook event, Optional<Installation> installation) {
        }

        final List<Received> received = new CopyOnWriteArrayList<>();
        private volatile boolean failed;

        @Override
        public boolean handles(String eventType) {
            return "ContactCreate".equals(eventType);
        }

        @Override
        public void handle(VerifiedWebhook event, Optional<Installation> installation) {
            if (event.body().contains("fail-once") && !failed) {
                failed = true;
                throw new IllegalStateException("downstream unavailable");
            }
            received.add(new Received(event, installation));
        }
    }
}
