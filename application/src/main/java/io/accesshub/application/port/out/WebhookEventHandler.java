package io.accesshub.application.port.out;

import io.accesshub.domain.installation.Installation;
import java.util.Optional;

/**
 * Extension point for other teams: receives verified, deduplicated HighLevel webhooks of the types it handles (e.g.
 * {@code ContactCreate}) with the installation they concern, after the hub applied its own rules. Must be idempotent;
 * a handler that throws makes the event be retried (then dead-lettered).
 */
public interface WebhookEventHandler {

    /** Whether this handler wants events of this type. */
    boolean handles(String eventType);

    /** Handles one event; {@code installation} is the app's installation for the event's location or company. */
    void handle(VerifiedWebhook event, Optional<Installation> installation);

    /** A verified webhook: its id, type, app, location, company and exact JSON body. */
    record VerifiedWebhook(String webhookId, String type, Optional<String> appId, Optional<String> locationId,
                           Optional<String> companyId, String body) {
    }
}
