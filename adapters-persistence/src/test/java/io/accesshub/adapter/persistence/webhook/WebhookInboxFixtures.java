package io.accesshub.adapter.persistence.webhook;

import io.accesshub.application.port.out.WebhookInbox.InboundWebhook;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.webhook.MarketplaceEvent;
import java.time.Instant;
import java.util.Optional;

/** Webhooks for the inbox's own tests. */
final class WebhookInboxFixtures {

    private WebhookInboxFixtures() {
    }

    /** A webhook the hub stores but has no rule for (a ContactCreate of app1), with this id. */
    static InboundWebhook otherEvent(String webhookId) {
        return new InboundWebhook(webhookId, Optional.of(MarketplaceAppId.of("app1")), Optional.empty(),
            Instant.parse("2026-11-26T00:00:00Z"), new MarketplaceEvent.Other("ContactCreate",
                Optional.of(CompanyId.of("c-1")), Optional.of(LocationId.of("l-1")), "{}"));
    }
}
