package io.accesshub.application.fakes;

import io.accesshub.application.port.out.OperatorAlerts;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.ArrayList;
import java.util.List;

/** {@link OperatorAlerts} that records each alert as a short line ("refused app", "accepted app", "kept what"). */
public final class RecordingOperatorAlerts implements OperatorAlerts {

    private final List<String> alerts = new ArrayList<>();

    @Override
    public synchronized void appCredentialsRefused(MarketplaceAppId app, String detail) {
        alerts.add("refused " + app.value());
    }

    @Override
    public synchronized void appCredentialsAccepted(MarketplaceAppId app) {
        alerts.add("accepted " + app.value());
    }

    @Override
    public synchronized void outcomeKeptForRetry(String what, int attempts, String cause) {
        alerts.add("kept " + what);
    }

    @Override
    public synchronized void relaySubscriptionPaused(io.accesshub.domain.relay.SubscriptionId subscription,
                                                     int failures, java.time.Instant failingSince) {
        alerts.add("paused " + subscription);
    }

    /** Every alert so far, oldest first. */
    public synchronized List<String> alerts() {
        return List.copyOf(alerts);
    }
}
