package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.out.LifecycleEventListener;
import io.accesshub.domain.installation.InstallationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The built-in lifecycle listener: every delivered lifecycle event becomes one structured log line. */
final class LoggingLifecycleListener implements LifecycleEventListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.accesshub.lifecycle");

    @Override
    public void onEvent(InstallationEvent event) {
        LOG.info("lifecycle {} installation={} key={} status={} reason={}", event.type(), event.installationId(),
            event.key(), event.status(), event.reason());
    }
}
