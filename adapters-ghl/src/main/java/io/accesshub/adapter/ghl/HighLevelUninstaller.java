package io.accesshub.adapter.ghl;

import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.MarketplaceUninstaller;
import io.accesshub.application.port.out.UninstallOutcome;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.uninstall.UninstallReason;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DELETE /marketplace/app/{appId}/installations} with JSON {@code {companyId?, locationId?, reason}}: an agency
 * target sends its {@code companyId}, a location target its {@code locationId} (and the agency's {@code companyId}
 * when an agency token authorises it). Paced within the resource's rate budget; logs carry the status and HighLevel's
 * {@code traceId}, never the token.
 */
@Singleton
public final class HighLevelUninstaller implements MarketplaceUninstaller {

    private static final Logger LOG = LoggerFactory.getLogger(HighLevelUninstaller.class);
    /** The path as metrics name it (without the app id). */
    static final String METRIC_PATH = "/marketplace/app/{appId}/installations";

    private final HttpClient http;
    private final HighLevelConfiguration configuration;
    private final UninstallConfiguration answers;
    private final JsonMapper json;
    private final HighLevelPacing pacing;
    private final HubMetrics metrics;

    public HighLevelUninstaller(@Client(id = "highlevel") HttpClient http, HighLevelConfiguration configuration,
                                UninstallConfiguration answers, JsonMapper json, HighLevelPacing pacing,
                                Optional<HubMetrics> metrics) {
        this.http = http;
        this.configuration = configuration;
        this.answers = answers;
        this.json = json;
        this.pacing = pacing;
        this.metrics = metrics.orElse(HubMetrics.NOOP);
    }

    @Override
    public UninstallOutcome uninstall(InstallationKey target, AccessToken bearer, UserType bearerType,
                                      UninstallReason reason) {
        MarketplaceAppId app = target.appId();
        String resource = bearerType == UserType.COMPANY || target.locationId().isEmpty()
            ? target.companyId().value() : target.locationId().orElseThrow().value();
        BudgetKey budget = BudgetKey.of(app, resource);
        Optional<Duration> paced = pacing.permit(budget);
        if (paced.isPresent()) {
            return new UninstallOutcome.Unavailable(paced, "paced: the rate budget is in use");
        }
        MutableHttpRequest<String> request = HttpRequest.DELETE("/marketplace/app/" + encode(app.value())
                + "/installations", body(target, bearerType, reason))
            .contentType(MediaType.APPLICATION_JSON_TYPE).accept(MediaType.APPLICATION_JSON_TYPE)
            .bearerAuth(bearer.value()).header("Version", configuration.getApiVersion());
        try {
            HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
            observe(app, budget, response.code(), response.getHeaders());
            LOG.info("HighLevel DELETE {} for {} answered {} (traceId {})", METRIC_PATH, target, response.code(),
                parse(response.body()).get("traceId"));
            return new UninstallOutcome.Removed();
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            observe(app, budget, status, e.getResponse().getHeaders());
            Map<String, Object> answer = parse(e.getResponse().getBody(String.class).orElse(""));
            String message = TokenRefusalClassifier.messageOf(answer).replace(bearer.value(), "[redacted]");
            LOG.info("HighLevel DELETE {} for {} answered {} (traceId {})", METRIC_PATH, target, status,
                answer.get("traceId"));
            return classify(status, message, e.getResponse().getHeaders());
        } catch (ReadTimeoutException e) {
            metrics.highLevelCall(app, METRIC_PATH, "timeout");
            return new UninstallOutcome.Unavailable(Optional.empty(), "read timeout after the request was sent");
        } catch (HttpClientException e) {
            boolean connect = ConnectFailures.isConnectFailure(e);
            metrics.highLevelCall(app, METRIC_PATH, connect ? "connect_failed" : "no_answer");
            return new UninstallOutcome.Unavailable(Optional.empty(),
                connect ? "connection failed before sending" : "connection closed without an answer");
        }
    }

    private UninstallOutcome classify(int status, String message, HttpHeaders headers) {
        if (status == 429 || status >= 500) {
            return new UninstallOutcome.Unavailable(headers.get("Retry-After", Long.class).map(Duration::ofSeconds),
                "HighLevel answered " + status);
        }
        if (answers.meansNotInstalled(status, message)) {
            return new UninstallOutcome.NotInstalled();
        }
        if (status == 401) {
            return new UninstallOutcome.TokenRejected();
        }
        return new UninstallOutcome.Refused(status, message.isBlank() ? "HighLevel answered " + status
            : message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }

    private String body(InstallationKey target, UserType bearerType, UninstallReason reason) {
        Map<String, String> body = new LinkedHashMap<>();
        if (target.locationId().isEmpty() || bearerType == UserType.COMPANY) {
            body.put("companyId", target.companyId().value());
        }
        target.locationId().ifPresent(location -> body.put("locationId", location.value()));
        body.put("reason", reason.value());
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the uninstall body", e);
        }
    }

    /** Counts the call and tells the shared budget what HighLevel's headers said. */
    private void observe(MarketplaceAppId app, BudgetKey budget, int status, HttpHeaders headers) {
        metrics.highLevelCall(app, METRIC_PATH, String.valueOf(status));
        pacing.observe(budget, status, headers);
    }

    private Map<String, Object> parse(String body) {
        return HighLevelPacing.parse(json, body);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
