package io.accesshub.application.service;

import io.accesshub.application.port.in.ReceiveWebhookUseCase;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.WebhookInbox;
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
    private static final int MAX_INSTALL_TYPE = 16;
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
        String appId = app.get().id().value();
        if (webhook.appId().isPresent() && !webhook.appId().get().equals(appId)) {
            return ReceiveResult.APP_MISMATCH;
        }
        return receive(new ReceivedWebhook(webhook.webhookId(), webhook.type(), Optional.of(appId),
            webhook.timestamp(), webhook.body(), webhook.installType(), webhook.companyId(), webhook.locationId()));
    }

    @Override
    public ReceiveResult receive(ReceivedWebhook webhook) {
        if (webhook.webhookId().isBlank() || webhook.webhookId().length() > MAX_ID || webhook.type().isBlank()
            || webhook.type().length() > MAX_TYPE || tooLong(webhook.appId(), MAX_ID)
            || tooLong(webhook.companyId(), MAX_ID) || tooLong(webhook.locationId(), MAX_ID)
            || tooLong(webhook.installType(), MAX_INSTALL_TYPE)) {
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
        boolean stored = inbox.store(new WebhookInbox.InboundWebhook(webhook.webhookId(), webhook.type(),
            webhook.appId(), webhook.timestamp(), webhook.body(), now, new WebhookInbox.WebhookSubject(
                webhook.installType(), webhook.companyId(), webhook.locationId())));
        return stored ? ReceiveResult.STORED : ReceiveResult.DUPLICATE;
    }

    /** Longer than its column: refused rather than truncated. */
    private static boolean tooLong(Optional<String> value, int max) {
        return value.map(v -> v.length() > max).orElse(false);
    }
}
