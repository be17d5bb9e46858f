package io.accesshub.adapter.http.webhook;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.adapter.http.webhook.HighLevelWebhookTranslator.Translation;
import io.accesshub.application.port.in.ReceiveWebhookUseCase;
import io.accesshub.application.port.in.ReceiveWebhookUseCase.ReceiveResult;
import io.accesshub.application.port.in.ReceiveWebhookUseCase.ReceivedWebhook;
import io.accesshub.domain.webhook.MarketplaceEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/ghl}: verifies the signature over the exact bytes (401 when missing, {@code N/A} or
 * invalid; nothing stored), parses and translates the JSON (400 when malformed, or an install or uninstall without
 * timestamp), and stores the event in the inbox before answering 200 (a duplicate {@code webhookId} answers 200 and
 * does nothing; an event naming an app this hub does not run answers 200 and is dropped, only counted). When the inbox cannot store, the answer is 429 with
 * {@code Retry-After} — never 5xx, because HighLevel retries only 429s.
 */
@Controller("/webhooks")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookSignatureVerifier verifier;
    private final ReceiveWebhookUseCase receive;
    private final WebhookConfiguration configuration;
    private final JsonMapper json;
    private final HighLevelWebhookTranslator translator;

    public WebhookController(WebhookSignatureVerifier verifier, ReceiveWebhookUseCase receive,
                             WebhookConfiguration configuration, JsonMapper json,
                             HighLevelWebhookTranslator translator) {
        this.verifier = verifier;
        this.receive = receive;
        this.configuration = configuration;
        this.json = json;
        this.translator = translator;
    }

    @Post(value = "/ghl", consumes = MediaType.ALL)
    public MutableHttpResponse<?> receive(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return intake(request, body, receive::receive);
    }

    /**
     * One app's own webhook URL, for deployments with several apps: {@code app} is the app's configured name (the
     * {@code <NAME>} of {@code ACCESSHUB_APPS_<NAME>_*}); events without {@code appId} are stored as that app's.
     */
    @Post(value = "/ghl/{app}", consumes = MediaType.ALL)
    public MutableHttpResponse<?> receiveForApp(HttpRequest<?> request, @PathVariable String app,
                                                @Nullable @Body byte[] body) {
        return intake(request, body, received -> receive.receiveForApp(app, received));
    }

    private MutableHttpResponse<?> intake(HttpRequest<?> request, @Nullable byte[] body,
                                          Function<ReceivedWebhook, ReceiveResult> store) {
        if (body == null || body.length == 0) {
            return problem(400, "malformed_event", "The webhook has no body.");
        }
        if (body.length > configuration.getMaxBodyBytes()) {
            return problem(413, "event_too_large", "The webhook body exceeds the configured size.");
        }
        if (!verifier.verifies(body, request.getHeaders().findFirst("X-GHL-Signature"),
            request.getHeaders().findFirst("X-WH-Signature"))) {
            LOG.warn("Webhook refused: missing or invalid signature");
            return problem(401, "invalid_signature", "The webhook signature is missing or does not verify.");
        }
        Map<String, Object> json;
        try {
            json = this.json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (Exception malformed) {
            return problem(400, "malformed_event", "The webhook body is not a JSON object.");
        }
        if (json == null) {
            return problem(400, "malformed_event", "The webhook body is not a JSON object.");
        }
        Translation translation = translator.translate(json, new String(body, StandardCharsets.UTF_8));
        if (translation instanceof Translation.Malformed malformed) {
            return problem(400, "malformed_event", malformed.detail());
        }
        ReceivedWebhook received = ((Translation.Translated) translation).webhook();
        String type = HighLevelWebhookTranslator.highLevelType(received.event().kind(),
            received.event() instanceof MarketplaceEvent.Other other ? Optional.of(other.type()) : Optional.empty());
        String webhookId = received.webhookId();
        ReceiveResult result;
        try {
            result = store.apply(received);
        } catch (RuntimeException inboxUnavailable) {
            LOG.error("Webhook {} {} could not be stored; answering 429 so HighLevel retries", type, webhookId,
                inboxUnavailable);
            return problem(429, "inbox_unavailable", "The event could not be stored; retry later.")
                .header("Retry-After", "60");
        }
        if (result == ReceiveResult.UNKNOWN_APP) {
            return problem(404, "unknown_app", "No app with this name is configured.");
        }
        if (result == ReceiveResult.APP_MISMATCH) {
            return problem(400, "app_mismatch", "The event names another app than the URL it was sent to.");
        }
        if (result == ReceiveResult.DROPPED) {
            LOG.info("Webhook {} {} dropped: it names an app this hub does not run", type, webhookId);
            return HttpResponse.ok(Map.of("status", "dropped"));
        }
        if (result == ReceiveResult.MISSING_TIMESTAMP) {
            return problem(400, "missing_timestamp", "An install or uninstall event must carry its timestamp.");
        }
        if (result == ReceiveResult.REFUSED) {
            return problem(400, "refused_event", "The event's ids or timestamp are outside what the hub accepts.");
        }
        LOG.info("Webhook {} {} {}", type, webhookId, result == ReceiveResult.STORED ? "stored" : "duplicate");
        return HttpResponse.ok(Map.of("status", result == ReceiveResult.STORED ? "stored" : "duplicate"));
    }

    private static MutableHttpResponse<Problem> problem(int status, String code, String detail) {
        return Problems.response(Problem.of(status, code, "Webhook not accepted", detail));
    }
}
