package io.accesshub.application.service;

import io.accesshub.application.port.in.ReceiveWebhookUseCase;
import io.accesshub.application.port.out.DroppedWebhooks;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.webhook.MarketplaceEvent;
import io.accesshub.domain.webhook.WebhookAdmission;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores verified webhooks in the inbox, deduplicated by {@code webhookId}, each for the configured app it is for.
 * Events for apps this hub does not run are dropped and counted. The domain's {@link WebhookAdmission} guards against
 * replays: installs and uninstalls must be stamped, and stamps must lie within a tolerance that is generous because
 * HighLevel retries a 429'd delivery up to about an hour later.
 */
public final class WebhookIntakeService implements ReceiveWebhookUseCase {

    private static final int MAX_ID = 128;
    private static final int MAX_TYPE = 64;
    /** Timestamps the inbox's DATETIME column holds exactly (a webhook from outside this range is not genuine). */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private final WebhookInbox inbox;
    private final MarketplaceApps apps;
    private final DroppedWebhooks dropped;
    private final Clock clock;
    private final WebhookAdmission admission;

    public WebhookIntakeService(WebhookInbox inbox, MarketplaceApps apps, DroppedWebhooks dropped, Clock clock,
                                WebhookAdmission admission) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.dropped = Objects.requireNonNull(dropped, "dropped");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.admission = Objects.requireNonNull(admission, "admission");
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
        Optional<MarketplaceAppId> app;
        if (webhook.app() instanceof AppClaim.Named named) {
            app = apps.find(named.app()).map(MarketplaceApp::id);
        } else if (webhook.app() instanceof AppClaim.Unrecognisable) {
            app = Optional.empty();
        } else {
            // no app named (a new location): the hub's only app, else nobody's
            List<MarketplaceApp> all = apps.all();
            return store(webhook, all.size() == 1 ? Optional.of(all.get(0).id()) : Optional.empty());
        }
        if (app.isEmpty()) {
            dropped.countUnknownApp();
            return ReceiveResult.DROPPED;
        }
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
        WebhookAdmission.Verdict verdict = admission.judge(webhook.event(), webhook.timestamp(), now);
        if (verdict == WebhookAdmission.Verdict.MISSING_TIMESTAMP) {
            return ReceiveResult.MISSING_TIMESTAMP;
        }
        if (verdict == WebhookAdmission.Verdict.OUTSIDE_TOLERANCE) {
            return ReceiveResult.REFUSED;
        }
        boolean stored = inbox.store(new WebhookInbox.InboundWebhook(webhook.webhookId(), app, webhook.timestamp(),
            now, webhook.event()));
        return stored ? ReceiveResult.STORED : ReceiveResult.DUPLICATE;
    }
}
