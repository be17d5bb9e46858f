package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.domain.installation.InstallationEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records lifecycle events in the structured log. The transactional outbox that delivers them to other teams'
 * listeners replaces it with the webhook issue.
 */
final class LoggingEventPublisher implements InstallationEventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger("io.accesshub.lifecycle");

    @Override
    public void publish(List<InstallationEvent> events) {
        for (InstallationEvent event : events) {
            LOG.info("lifecycle {} installation={} key={} status={} reason={}", event.type(), event.installationId(),
                event.key(), event.status(), event.reason());
        }
    }
}
