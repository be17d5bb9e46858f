package io.accesshub.application.service;

import io.accesshub.application.port.out.OperatorAlerts;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which of this instance's apps HighLevel currently refuses the client credentials of (a wrong or rotated client
 * secret): their grants are kept untouched and not refreshed until a probe or a refresh shows the credentials work.
 * Held per instance; every instance finds out by itself with at most one refused request.
 */
public final class AppCredentials {

    /** Since when, and with what answer (never a secret), an app's credentials are refused. */
    public record Refusal(Instant since, String detail) {
    }

    private final OperatorAlerts alerts;
    private final Clock clock;
    private final ConcurrentMap<MarketplaceAppId, Refusal> refused = new ConcurrentHashMap<>();

    public AppCredentials(OperatorAlerts alerts, Clock clock) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether HighLevel refuses this app's client credentials (as last seen by this instance). */
    public boolean isRefused(MarketplaceAppId app) {
        return refused.containsKey(app);
    }

    /** HighLevel refused the app's credentials. */
    void refused(MarketplaceAppId app, String detail) {
        if (refused.putIfAbsent(app, new Refusal(clock.instant(), detail)) == null) {
            alerts.appCredentialsRefused(app, detail);
        }
    }

    /** A request with the app's credentials succeeded. */
    void accepted(MarketplaceAppId app) {
        if (refused.remove(app) != null) {
            alerts.appCredentialsAccepted(app);
        }
    }

    /** The apps whose credentials are refused now. */
    public Set<MarketplaceAppId> refusedApps() {
        return Set.copyOf(refused.keySet());
    }

    /** The refusals now, by app. */
    public Map<MarketplaceAppId, Refusal> refusals() {
        return Map.copyOf(refused);
    }
}
