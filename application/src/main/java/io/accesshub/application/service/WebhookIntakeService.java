package io.accesshub.application.service;

import io.accesshub.application.port.in.ReceiveWebhookUseCase;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.webhook.MarketplaceEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores verified webhooks in the inbox, deduplicated by {@code webhookId}. A timestamp tolerance (zero = off) guards
 * against replays; it is generous by default because HighLevel retries a 429'd delivery up to about an hour later.
 */
public final class WebhookIntakeService implements ReceiveWebhookUseCase {

    private static final int MAX_ID = 128;
    private static final int MAX_TYPE = 64;
    /** Timestamps the inbox's DATETIME column holds exactly (a webhook from outside this range is not genuine). */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private final WebhookInbox inbox;
    private final MarketplaceApps apps;
    private final Clock clock;
    private final Duration timestampTolerance;

    public WebhookIntakeService(WebhookInbox inbox, MarketplaceApps apps, Clock clock, Duration timestampTolerance) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timestampTolerance = Objects.requireNonNull(timestampTolerance, "timestampTolerance");
    }

    @Override
    public ReceiveResult receiveForApp(String appName, ReceivedWebhook webhook) {
        Optional<MarketplaceApp> app = apps.all().stream().filter(a -> a.name().equals(appName)).findFirst();
        if (app.isEmpty()) {
            return ReceiveResult.UNKNOWN_APP;
        }
        MarketplaceAppId appId = app.get().id();
        boolean mismatch = webhook.app() instanceof AppClaim.Unrecognisable
            || webhook.app() instanceof AppClaim.Named named && !named.app().equals(appId);
        return mismatch ? ReceiveResult.APP_MISMATCH : store(webhook, Optional.of(appId));
    }

    @Override
    public ReceiveResult receive(ReceivedWebhook webhook) {
        Optional<MarketplaceAppId> app = webhook.app() instanceof AppClaim.Named named
            ? Optional.of(named.app()) : Optional.empty();
        return store(webhook, app);
    }

    private ReceiveResult store(ReceivedWebhook webhook, Optional<MarketplaceAppId> app) {
        if (webhook.webhookId().isBlank() || webhook.webhookId().length() > MAX_ID
            || webhook.event() instanceof MarketplaceEvent.Other other && other.type().length() > MAX_TYPE) {
            return ReceiveResult.REFUSED;
        }
        if (webhook.timestamp().map(t -> t.isBefore(EARLIEST) || !t.isBefore(LATEST)).orElse(false)) {
            return ReceiveResult.REFUSED;
        }
        Instant now = clock.instant();
        if (!timestampTolerance.isZero() && webhook.timestamp().isPresent()) {
            Duration age = Duration.between(webhook.timestamp().get(), now).abs();
            if (age.compareTo(timestampTolerance) > 0) {
                return ReceiveResult.REFUSED;
            }
        }
        boolean stored = inbox.store(new WebhookInbox.InboundWebhook(webhook.webhookId(), app, webhook.timestamp(),
            now, webhook.event()));
        return stored ? ReceiveResult.STORED : ReceiveResult.DUPLICATE;
    }
}
