package io.accesshub.application.port.out;

import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.util.Locale;

/**
 * Records what the hub does as operational metrics (counts, latencies, lags); label values are always from a bounded
 * set (app ids, outcome classes, statuses, endpoint templates), never a location, company or token.
 */
public interface HubMetrics {

    /** Metrics that go nowhere, for tests and tools that do not observe the hub. */
    HubMetrics NOOP = new HubMetrics() {
    };

    /** A refresh token was presented to HighLevel for {@code app}; {@code outcomeClass} is e.g. {@code issued}. */
    default void refreshOutcome(MarketplaceAppId app, String outcomeClass) {
    }

    /** A refresh succeeded with {@code timeLeft} before the old access token expired (negative when overdue). */
    default void refreshLag(MarketplaceAppId app, Duration timeLeft) {
    }

    /** Starts timing one token read; the returned handle is stopped once with the read's outcome. */
    default TokenReadTiming startTokenRead() {
        return outcome -> {
        };
    }

    /** The token cache was asked for a token: {@code hit} when it answered, else the read went to the database. */
    default void tokenCacheLookup(boolean hit) {
    }

    /** HighLevel answered a call to {@code endpoint} (a path template) with {@code status} (a code or a failure). */
    default void highLevelCall(MarketplaceAppId app, String endpoint, String status) {
    }

    /** A HighLevel call waited {@code waited} for its company's rate budget before it was sent. */
    default void highLevelPacingWait(MarketplaceAppId app, Duration waited) {
    }

    /** A verified webhook was taken in with {@code outcome}: {@code accepted}, {@code duplicate} or a refusal. */
    default void webhookIntake(String outcome) {
    }

    /**
     * The shared rate budget answered the hub's own call (minting, installed locations) for {@code app} with
     * {@code decision}: {@code granted}, {@code wait_exhausted} or {@code daily_exhausted}.
     */
    default void highLevelBudgetDecision(MarketplaceAppId app, String decision) {
    }

    /** A stored webhook event was handled: {@code processed}, {@code retry} (tried again later) or {@code dead}. */
    default void webhookProcessed(String outcome) {
    }

    /** A lifecycle listener failed on an outbox event: {@code retry} (delivered again after its lease) or {@code parked}. */
    /** A relay delivery attempt ended: {@code outcome} is delivered, retry, parked or refused. */
    default void relayAttempt(String outcome) {
    }

    default void lifecycleDeliveryFailed(String outcome) {
    }

    /**
     * The simple name of a result type in snake case ({@code NeedsReauthorization} to {@code needs_reauthorization}):
     * a bounded label value for the members of a sealed result.
     */
    static String outcomeOf(Object result) {
        return result.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** One token read being timed. */
    @FunctionalInterface
    interface TokenReadTiming {

        /** Ends the read with its {@code outcome} (e.g. {@code issued}). */
        void stop(String outcome);
    }
}
