package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.out.RelaySubscriptions;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionState;
import io.micronaut.context.BeanProvider;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows in {@code /health} the relay subscriptions the hub paused because their deliveries kept failing. Stays UP: a
 * subscriber's outage is not the hub's, and its events are kept until an operator resumes it.
 */
@Singleton
public class RelayHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final BeanProvider<RelaySubscriptions> subscriptions;

    /** The store is looked up at the first health check, so {@code /health} never needs the token keyset to start. */
    public RelayHealthIndicator(BeanProvider<RelaySubscriptions> subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            for (RelaySubscription s : subscriptions.get().all()) {
                if (s.state() == SubscriptionState.AUTO_PAUSED) {
                    details.put(s.id().toString(), Map.of(
                        "status", "auto_paused",
                        "since", s.stateChangedAt().toString(),
                        "failures", s.failures().failures(),
                        "failingSince", s.failures().since().map(Instant::toString).orElse(""),
                        "detail", "Deliveries kept failing; events are kept. Resume with POST"
                            + " /api/v1/admin/subscriptions/" + s.id() + "/resume"));
                }
            }
        } catch (RuntimeException unavailable) {
            details.put("status", "unknown: the subscriptions could not be read");
        }
        return details;
    }

    @Override
    public String getName() {
        return "relay";
    }
}
