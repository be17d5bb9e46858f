package io.accesshub.bootstrap.wiring;

import io.accesshub.application.service.AppCredentials;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows in {@code /health} which apps HighLevel refuses the client credentials of. Stays UP: one bad secret must not
 * take every instance out of the load balancer, and the other apps (and reads of still-fresh tokens) keep working.
 */
@Singleton
public class AppCredentialsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final AppCredentials credentials;

    public AppCredentialsHealthIndicator(AppCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        credentials.refusals().forEach((app, refusal) -> details.put(app.value(), Map.of(
            "status", "misconfigured",
            "since", refusal.since().toString(),
            "detail", "HighLevel refuses the app's client credentials (" + refusal.detail() + ")")));
        return details;
    }

    @Override
    public String getName() {
        return "appCredentials";
    }
}
