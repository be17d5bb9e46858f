package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.in.CheckAppCredentialsUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every app's client credentials once with one grant shortly after start, then re-checks the refused ones
 * every {@code accesshub.refresh.credentials-check-interval} (default 5 min), so that refreshes resume after a fix.
 */
@Singleton
@Requires(property = "accesshub.refresh.scheduler.enabled", notEquals = "false")
public class AppCredentialsScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(AppCredentialsScheduler.class);

    private final CheckAppCredentialsUseCase check;
    private final AtomicBoolean checkedAtStart = new AtomicBoolean();

    public AppCredentialsScheduler(CheckAppCredentialsUseCase check) {
        this.check = check;
    }

    @Scheduled(fixedDelay = "${accesshub.refresh.credentials-check-interval:5m}",
        initialDelay = "${accesshub.refresh.scheduler.initial-delay:10s}")
    void checkCredentials() {
        try {
            if (checkedAtStart.compareAndSet(false, true)) {
                check.checkAllApps();
            } else {
                check.recheckRefusedApps();
            }
        } catch (RuntimeException e) {
            LOG.warn("Checking the apps' client credentials failed ({}); it runs again at the next interval",
                e.getClass().getName());
        }
    }
}
