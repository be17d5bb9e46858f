package io.accesshub.application.port.out;

import io.accesshub.domain.relay.SubscriptionId;
import java.time.Instant;

import io.accesshub.domain.marketplace.MarketplaceAppId;

/** Tells operators about conditions only they can fix (logged by the adapter; never carries a secret). */
public interface OperatorAlerts {

    /** HighLevel refused the app's client credentials: refreshes of the app stop until they work again. */
    void appCredentialsRefused(MarketplaceAppId app, String detail);

    /** The app's client credentials work again: its refreshes resume. */
    void appCredentialsAccepted(MarketplaceAppId app);

    /** An answer HighLevel gave could not be stored yet; the instance keeps it and retries. */
    void outcomeKeptForRetry(String what, int attempts, String cause);

    /** A relay subscription kept failing and was paused: its events wait until an operator resumes it. */
    void relaySubscriptionPaused(SubscriptionId subscription, int failures, Instant failingSince);
}
