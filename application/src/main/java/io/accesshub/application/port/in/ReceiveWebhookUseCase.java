package io.accesshub.application.port.in;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Takes a verified HighLevel webhook into the durable inbox, once per {@code webhookId}. */
public interface ReceiveWebhookUseCase {

    /** Stores the event; failures to store propagate (the HTTP adapter answers 429 so HighLevel retries). */
    ReceiveResult receive(ReceivedWebhook webhook);

    /**
     * Stores an event delivered to one app's own webhook URL: the app is named as configured; an event without
     * {@code appId} (e.g. {@code LocationCreate}) is stored as that app's, one whose {@code appId} differs is refused.
     */
    ReceiveResult receiveForApp(String appName, ReceivedWebhook webhook);

    /** A webhook whose signature was verified over its exact body. */
    record ReceivedWebhook(String webhookId, String type, Optional<String> appId, Optional<Instant> timestamp,
                           String body, Optional<String> installType, Optional<String> companyId,
                           Optional<String> locationId) {
        public ReceivedWebhook {
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(installType, "installType");
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(locationId, "locationId");
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
        /** Delivered to the URL of an app that is not configured. */
        UNKNOWN_APP,
        /** Delivered to one app's URL but naming another app. */
        APP_MISMATCH
    }
}
