package io.accesshub.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one webhook delivery (one event; a duplicated event has two deliveries with the same webhookId).
 *
 * @param sequence        creation order
 * @param webhookId       the payload's webhookId
 * @param type            the payload's type (INSTALL, UNINSTALL, LocationCreate, PLAN_CHANGE, ...)
 * @param body            the exact JSON body sent
 * @param status          delivery state
 * @param responseStatuses HTTP statuses received, one per attempt (-1 = no response)
 * @param nextAttemptAt   simulated time of the next attempt, null when final
 * @param duplicate       whether this is an injected duplicate
 */
public record WebhookDelivery(long sequence, String webhookId, String type, String body, Status status,
                              List<Integer> responseStatuses, Instant nextAttemptAt, boolean duplicate) {

    /** Delivery states. */
    public enum Status {
        /** Waiting to be sent (first attempt or retry after 429). */
        PENDING,
        /** Answered 2xx. */
        DELIVERED,
        /** Answered a final non-2xx other than 429, or the connection failed (HighLevel does not retry those). */
        FAILED,
        /** Answered 429 on every attempt. */
        EXHAUSTED,
        /** No webhook URL was set when it was due. */
        SKIPPED_NO_URL
    }

    /** Number of attempts made. */
    public int attempts() {
        return responseStatuses.size();
    }
}
