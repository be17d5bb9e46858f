package io.accesshub.adapter.http.install;

import io.accesshub.application.port.in.BeginInstallUseCase;
import io.accesshub.application.port.in.BeginInstallUseCase.BeginInstallResult;
import io.accesshub.application.port.in.CompleteInstallUseCase;
import io.accesshub.application.port.in.CompleteInstallUseCase.CompleteInstall;
import io.accesshub.application.port.in.CompleteInstallUseCase.InstallOutcome;
import io.accesshub.application.port.in.CompleteInstallUseCase.InstallRefusal;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /oauth/install} sends the browser to HighLevel's authorization page (302); {@code GET /oauth/callback}
 * completes the install (a success page, or 303 to the configured success URL). Both answer humans: small HTML pages with a stable error code, never a token or code.
 */
@Controller("/oauth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class InstallController {

    private static final Logger LOG = LoggerFactory.getLogger(InstallController.class);
    /** Bounds the memory of the per-address limiter; clearing it only forgives recent callers. */
    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final BeginInstallUseCase begin;
    private final CompleteInstallUseCase complete;
    private final InstallConfiguration configuration;
    private final ConcurrentMap<String, Bucket> callbacksByAddress = new ConcurrentHashMap<>();

    public InstallController(BeginInstallUseCase begin, CompleteInstallUseCase complete,
                             InstallConfiguration configuration) {
        this.begin = begin;
        this.complete = complete;
        this.configuration = configuration;
    }

    @Operation(summary = "The install link: sends the browser to HighLevel's authorization page")
    @ApiResponse(responseCode = "302", description = "to HighLevel's authorization page with a single-use state",
        headers = @Header(name = HttpHeaders.LOCATION, description = "HighLevel's authorization page",
            schema = @Schema(type = "string", format = "uri")))
    @ApiResponse(responseCode = "400", description = "unknown_app (an HTML page)",
        content = @Content(mediaType = MediaType.TEXT_HTML))
    @ApiResponse(responseCode = "404", description = "unknown_app (an HTML page)",
        content = @Content(mediaType = MediaType.TEXT_HTML))
    @Get("/install")
    public HttpResponse<?> install(@Nullable @QueryValue String app) {
        Optional<MarketplaceAppId> requested;
        try {
            requested = Optional.ofNullable(app).filter(a -> !a.isBlank()).map(MarketplaceAppId::of);
        } catch (RuntimeException e) {
            return page(HttpStatus.BAD_REQUEST, "Unknown app", "unknown_app", "The app parameter is not valid.");
        }
        BeginInstallResult result = begin.begin(requested);
        if (result instanceof BeginInstallResult.Redirect redirect) {
            // 302 Found: a fresh, single-use state every time, so the redirect must never be cached as permanent.
            return HttpResponse.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, redirect.authorizationPage().toString())
                .header("Cache-Control", "no-store");
        }
        return page(HttpStatus.NOT_FOUND, "Unknown app", "unknown_app",
            "This hub has no such app configured (name it with ?app= when several are).");
    }

    @Operation(summary = "HighLevel's OAuth callback: completes the install")
    @ApiResponse(responseCode = "200", description = "the success page", content = @Content(
        mediaType = MediaType.TEXT_HTML))
    @ApiResponse(responseCode = "303", description = "to the configured success URL",
        headers = @Header(name = HttpHeaders.LOCATION, description = "ACCESSHUB_INSTALL_SUCCESS_REDIRECT_URL",
            schema = @Schema(type = "string", format = "uri")))
    @ApiResponse(responseCode = "400", description = "an error page with a stable code (state_unknown, "
        + "state_expired, state_reused, code_rejected, …)", content = @Content(mediaType = MediaType.TEXT_HTML))
    @ApiResponse(responseCode = "429", description = "too_many_installs (an HTML page)",
        content = @Content(mediaType = MediaType.TEXT_HTML))
    @ApiResponse(responseCode = "503", description = "marketplace_unavailable (an HTML page)",
        content = @Content(mediaType = MediaType.TEXT_HTML))
    @Get("/callback")
    public HttpResponse<?> callback(HttpRequest<?> request, @Nullable @QueryValue String code,
                                    @Nullable @QueryValue String state, @Nullable @QueryValue String app,
                                    @Nullable @QueryValue String error) {
        if (error != null && (code == null || code.isBlank())) {
            return page(HttpStatus.BAD_REQUEST, "Install cancelled", "authorization_denied",
                "HighLevel did not authorize the install.");
        }
        if (code == null || code.isBlank()) {
            return refusal(InstallRefusal.MISSING_CODE);
        }
        Optional<String> presentedState = Optional.ofNullable(state).filter(s -> !s.isBlank());
        if (presentedState.isEmpty() && !allowMarketplaceCallback(request)) {
            return page(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts", "too_many_installs",
                "Too many installs from this address; wait a minute and try again.");
        }
        Optional<MarketplaceAppId> requested;
        try {
            requested = Optional.ofNullable(app).filter(a -> !a.isBlank()).map(MarketplaceAppId::of);
        } catch (RuntimeException e) {
            return refusal(InstallRefusal.UNKNOWN_APP);
        }
        InstallOutcome outcome = complete.complete(new CompleteInstall(code, presentedState, requested));
        if (outcome instanceof InstallOutcome.Installed installed) {
            LOG.info("Installed {} for company {}{}", installed.userType(), installed.companyId(),
                installed.locationId().map(l -> " location " + l).orElse(""));
            Optional<String> redirect = configuration.getSuccessRedirectUrl();
            if (redirect.isPresent()) {
                // 303 See Other: the browser follows with a GET and never replays the callback's code.
                return HttpResponse.seeOther(URI.create(redirect.get())).header("Cache-Control", "no-store");
            }
            String where = installed.locationId().map(l -> "location " + l).orElse("agency " + installed.companyId());
            return page(HttpStatus.OK, "App installed", null, "The app is installed for " + where
                + ". You can close this window.");
        }
        if (outcome instanceof InstallOutcome.Received received) {
            LOG.warn("Install received for company {}{} but not stored yet (database unavailable); this instance keeps"
                + " it and stores it as soon as the database answers", received.companyId(),
                received.locationId().map(l -> " location " + l).orElse(""));
            return page(HttpStatus.ACCEPTED, "Installation received", null, "HighLevel confirmed the installation;"
                + " it completes within moments. You can close this window.");
        }
        InstallRefusal reason = ((InstallOutcome.Refused) outcome).reason();
        LOG.info("Install refused: {}", reason.code());
        return refusal(reason);
    }

    private HttpResponse<?> refusal(InstallRefusal reason) {
        HttpStatus status = reason == InstallRefusal.MARKETPLACE_UNAVAILABLE ? HttpStatus.SERVICE_UNAVAILABLE
            : HttpStatus.BAD_REQUEST;
        return page(status, "Install failed", reason.code(), reason.message());
    }

    private boolean allowMarketplaceCallback(HttpRequest<?> request) {
        String address = request.getRemoteAddress().getAddress().getHostAddress();
        int perMinute = Math.max(1, configuration.getMarketplaceCallbacksPerMinute());
        if (callbacksByAddress.size() > MAX_TRACKED_ADDRESSES) {
            callbacksByAddress.clear();
        }
        Bucket bucket = callbacksByAddress.computeIfAbsent(address, a -> Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
            .build());
        return bucket.tryConsume(1);
    }

    private static HttpResponse<String> page(HttpStatus status, String title, @Nullable String errorCode,
                                             String message) {
        String body = "<!doctype html><html lang=en><head><meta charset=utf-8><title>" + escape(title)
            + "</title><style>body{font-family:sans-serif;max-width:40em;margin:4em auto;padding:0 1em}"
            + "code{background:#eee;padding:.1em .3em}</style></head><body><h1>" + escape(title) + "</h1><p>"
            + escape(message) + "</p>" + (errorCode == null ? "" : "<p>Error code: <code>" + escape(errorCode)
            + "</code></p>") + "</body></html>";
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML_TYPE)
            .header("Cache-Control", "no-store").body(body);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
