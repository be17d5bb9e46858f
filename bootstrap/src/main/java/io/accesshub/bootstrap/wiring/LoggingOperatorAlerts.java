package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.out.OperatorAlerts;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link OperatorAlerts} as log lines an operator can alert on; never a token or a secret. */
@Singleton
public class LoggingOperatorAlerts implements OperatorAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingOperatorAlerts.class);

    @Override
    public void appCredentialsRefused(MarketplaceAppId app, String detail) {
        LOG.error("HighLevel refuses the client credentials of app {} ({}): check ACCESSHUB_APPS_<NAME>_CLIENT_ID and"
            + " _CLIENT_SECRET. Its refreshes stop, every grant is kept, token reads answer 503 app_misconfigured"
            + " until the credentials work.", app.value(), detail);
    }

    @Override
    public void appCredentialsAccepted(MarketplaceAppId app) {
        LOG.info("HighLevel accepts the client credentials of app {} again: its refreshes resume.", app.value());
    }

    @Override
    public void outcomeKeptForRetry(String what, int attempts, String cause) {
        LOG.warn("Could not store {} yet (attempt {}, {}); this instance keeps it and retries until the database"
            + " answers.", what, attempts, cause);
    }

    @Override
    public void relaySubscriptionPaused(io.accesshub.domain.relay.SubscriptionId subscription, int failures,
                                        java.time.Instant failingSince) {
        LOG.error("Relay subscription {} was paused automatically: its last {} delivery attempts failed, the first at"
            + " {}. Its events are kept; fix the receiver, then POST /api/v1/admin/subscriptions/{}/resume.",
            subscription, failures, failingSince, subscription);
    }
}
