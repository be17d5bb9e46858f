package io.accesshub.application.port.in;

import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.webhook.MarketplaceEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Takes a verified HighLevel webhook into the durable inbox, once per {@code webhookId}. */
public interface ReceiveWebhookUseCase {

    /**
     * Stores the event for the app it names, or for the only configured app when it names none; an event naming an
     * app that is not configured is dropped. Failures to store propagate (the HTTP adapter answers 429 so HighLevel
     * retries).
     */
    ReceiveResult receive(ReceivedWebhook webhook);

    /**
     * Stores an event delivered to one app's own webhook URL: the app is named as configured; an event without an
     * app (e.g. a new location) is stored as that app's, one naming another app is refused.
     */
    ReceiveResult receiveForApp(String appName, ReceivedWebhook webhook);

    /** A webhook whose signature was verified over its exact body, translated into the hub's vocabulary. */
    record ReceivedWebhook(String webhookId, AppClaim app, Optional<Instant> timestamp, MarketplaceEvent event) {
        public ReceivedWebhook {
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(event, "event");
        }
    }

    /** Which app an event says it is for. */
    sealed interface AppClaim {
        /** The event names no app (HighLevel sends no app with a new location). */
        record Unnamed() implements AppClaim {
        }

        /** The event names this app. */
        record Named(MarketplaceAppId app) implements AppClaim {
            public Named {
                Objects.requireNonNull(app, "app");
            }
        }

        /** The event names something that cannot be an app id (so no app this hub runs). */
        record Unrecognisable() implements AppClaim {
        }

        static AppClaim unnamed() {
            return new Unnamed();
        }

        static AppClaim named(MarketplaceAppId app) {
            return new Named(app);
        }

        static AppClaim unrecognisable() {
            return new Unrecognisable();
        }
    }

    /** What happened to the event. */
    enum ReceiveResult {
        /** Stored for processing. */
        STORED,
        /** Already stored earlier (a retry or a duplicate delivery): nothing done. */
        DUPLICATE,
        /** Refused: ids too long or timestamp outside the tolerance. */
        REFUSED,
        /** Refused: an install or uninstall without a timestamp (while timestamps are required). */
        MISSING_TIMESTAMP,
        /** Dropped, only counted: delivered to the shared URL but naming an app this hub does not run. */
        DROPPED,
        /** Delivered to the URL of an app that is not configured. */
        UNKNOWN_APP,
        /** Delivered to one app's URL but naming another app. */
        APP_MISMATCH
    }
}
