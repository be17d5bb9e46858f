package io.accesshub.adapter.http.install;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.adapter.http.proxy.TrustedProxies;
import io.accesshub.application.port.in.BeginInstallUseCase;
import io.accesshub.application.port.in.BeginInstallUseCase.BeginInstall;
import io.accesshub.application.port.in.BeginInstallUseCase.BeginInstallResult;
import io.accesshub.application.port.in.CompleteInstallUseCase;
import io.accesshub.application.port.in.CompleteInstallUseCase.CompleteInstall;
import io.accesshub.application.port.in.CompleteInstallUseCase.InstallOutcome;
import io.accesshub.application.port.in.CompleteInstallUseCase.InstallRefusal;
import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.shared.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /oauth/install} sends the browser to HighLevel's authorization page (302) and binds the install to that
 * browser with a signed, HttpOnly, {@code SameSite=Lax} cookie; {@code GET /oauth/callback} completes the install
 * only for the browser holding it (a success page, or 303 to the configured success URL carrying the SaaS's
 * reference and a signed install handle). Both answer humans: small HTML pages with a stable error code, never a
 * token or code; refusals of the install link itself (rate limit, malformed reference) are problems.
 */
@Controller("/oauth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class InstallController {

    /** The cookie binding installs to the browser over HTTPS: {@code __Host-} keeps subdomains from setting it. */
    static final String SECURE_COOKIE = "__Host-accesshub_install_binding";
    /** The same cookie over plain HTTP (local and demo use), where the {@code __Host-} prefix is not allowed. */
    static final String PLAIN_COOKIE = "accesshub_install_binding";
    /** The success redirect's parameter carrying the signed install handle. */
    static final String HANDLE_PARAMETER = "accesshub_install";
    /** The success redirect's parameter carrying the SaaS's reference back. */
    static final String REF_PARAMETER = "accesshub_ref";

    private static final Logger LOG = LoggerFactory.getLogger(InstallController.class);

    private final BeginInstallUseCase begin;
    private final CompleteInstallUseCase complete;
    private final InstallConfiguration configuration;
    private final TrustedProxies proxies;
    private final KeyedRateLimit linksByAddress;
    private final KeyedRateLimit callbacksByAddress;
    private final KeyedRateLimit callbacksByApp;

    public InstallController(BeginInstallUseCase begin, CompleteInstallUseCase complete,
                             InstallConfiguration configuration, TrustedProxies proxies) {
        this.begin = begin;
        this.complete = complete;
        this.configuration = configuration;
        this.proxies = proxies;
        this.linksByAddress = new KeyedRateLimit(configuration.getLinksPerMinute());
        this.callbacksByAddress = new KeyedRateLimit(configuration.getMarketplaceCallbacksPerMinute());
        this.callbacksByApp = new KeyedRateLimit(configuration.getAppCallbacksPerMinute());
    }

    @Operation(summary = "The install link: binds the install to the browser and sends it to HighLevel's "
        + "authorization page")
    @ApiResponse(responseCode = "302", description = "to HighLevel's authorization page with a single-use state; "
        + "sets the HttpOnly, SameSite=Lax install cookie (__Host-accesshub_install_binding over HTTPS, "
        + "accesshub_install_binding over HTTP) the callback needs",
        headers = {@Header(name = HttpHeaders.LOCATION, description = "HighLevel's authorization page",
            schema = @Schema(type = "string", format = "uri")),
            @Header(name = HttpHeaders.SET_COOKIE, description = "the signed install cookie")})
    @ApiResponse(responseCode = "400", description = "invalid_ref (more than 200 characters, or control "
        + "characters) as a problem; unknown_app (a malformed app) as an HTML page",
        content = {@Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            @Content(mediaType = MediaType.TEXT_HTML)})
    @ApiResponse(responseCode = "404", description = "unknown_app (an HTML page)",
        content = @Content(mediaType = MediaType.TEXT_HTML))
    @ApiResponse(responseCode = "429", description = "too_many_installs: too many install links from this client "
        + "address; Retry-After in seconds",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/install")
    public HttpResponse<?> install(HttpRequest<?> request, @Nullable @QueryValue String app,
                                   @Nullable @QueryValue String ref) {
        Optional<Duration> wait = linksByAddress.tryTake(proxies.clientAddress(request).getHostAddress());
        if (wait.isPresent()) {
            return Problems.response(Problem.of(429, "too_many_installs", "Too many install links",
                    "Too many install links from this address; retry after the time in Retry-After."))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(KeyedRateLimit.retryAfterSeconds(wait.get())))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        Optional<InstallReference> reference;
        try {
            reference = Optional.ofNullable(ref).filter(r -> !r.isEmpty()).map(InstallReference::of);
        } catch (DomainException e) {
            return Problems.response(Problem.of(400, "invalid_ref", "Invalid reference",
                    "ref is 1 to " + InstallReference.MAX_LENGTH + " characters without control characters."))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        Optional<MarketplaceAppId> requested;
        try {
            requested = Optional.ofNullable(app).filter(a -> !a.isBlank()).map(MarketplaceAppId::of);
        } catch (RuntimeException e) {
            return page(HttpStatus.BAD_REQUEST, "Unknown app", "unknown_app", "The app parameter is not valid.");
        }
        BeginInstallResult result = begin.begin(new BeginInstall(requested, reference, binding(request)));
        if (result instanceof BeginInstallResult.Redirect redirect) {
            // 302 Found: a fresh, single-use state every time, so the redirect must never be cached as permanent.
            return HttpResponse.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, redirect.authorizationPage().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .cookie(bindingCookie(request, redirect.browserBinding(), redirect.bindingLifetime()));
        }
        return page(HttpStatus.NOT_FOUND, "Unknown app", "unknown_app",
            "This hub has no such app configured (name it with ?app= when several are).");
    }

    @Operation(summary = "HighLevel's OAuth callback: completes the install")
    @ApiResponse(responseCode = "200", description = "the success page", content = @Content(
        mediaType = MediaType.TEXT_HTML))
    @ApiResponse(responseCode = "303", description = "to the configured success URL, with accesshub_install (a "
        + "signed handle for GET /api/v1/installs/{handle}, 24 h) and accesshub_ref (the install link's ref, when it "
        + "had one) added to its query",
        headers = @Header(name = HttpHeaders.LOCATION, description = "ACCESSHUB_INSTALL_SUCCESS_REDIRECT_URL",
            schema = @Schema(type = "string", format = "uri")))
    @ApiResponse(responseCode = "400", description = "an error page with a stable code (state_unknown, "
        + "state_expired, state_reused, code_rejected, …)", content = @Content(mediaType = MediaType.TEXT_HTML))
    @ApiResponse(responseCode = "403", description = "state_other_browser: the install was started in another "
        + "browser (no install cookie, or one for another install); nothing was stored and HighLevel was not called",
        content = @Content(mediaType = MediaType.TEXT_HTML))
    @ApiResponse(responseCode = "429", description = "too_many_installs (an HTML page); Retry-After in seconds",
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
        if (presentedState.isEmpty()) {
            Optional<Duration> wait = marketplaceCallbackWait(request, app);
            if (wait.isPresent()) {
                return page(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts", "too_many_installs",
                    "Too many installs from this address; wait a minute and try again.")
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(KeyedRateLimit.retryAfterSeconds(wait.get())));
            }
        }
        Optional<MarketplaceAppId> requested;
        try {
            requested = Optional.ofNullable(app).filter(a -> !a.isBlank()).map(MarketplaceAppId::of);
        } catch (RuntimeException e) {
            return refusal(InstallRefusal.UNKNOWN_APP);
        }
        InstallOutcome outcome = complete.complete(new CompleteInstall(code, presentedState, requested,
            binding(request)));
        if (outcome instanceof InstallOutcome.Installed installed) {
            LOG.info("Installed {} for company {}{}", installed.userType(), installed.companyId(),
                installed.locationId().map(l -> " location " + l).orElse(""));
            Optional<String> redirect = configuration.getSuccessRedirectUrl();
            if (redirect.isPresent()) {
                Map<String, String> parameters = new LinkedHashMap<>();
                parameters.put(HANDLE_PARAMETER, installed.handle());
                installed.ref().ifPresent(r -> parameters.put(REF_PARAMETER, r.value()));
                // 303 See Other: the browser follows with a GET and never replays the callback's code.
                return HttpResponse.seeOther(withQuery(redirect.get(), parameters))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
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

    /** Both limits of marketplace-initiated callbacks: per client address, and per app as the callback names it. */
    private Optional<Duration> marketplaceCallbackWait(HttpRequest<?> request, @Nullable String app) {
        Optional<Duration> byAddress = callbacksByAddress.tryTake(proxies.clientAddress(request).getHostAddress());
        if (byAddress.isPresent()) {
            return byAddress;
        }
        String appKey = app == null || app.isBlank() ? "" : app.trim();
        return callbacksByApp.tryTake(appKey.length() > 128 ? appKey.substring(0, 128) : appKey);
    }

    /** The binding the browser presents: the secure cookie first, the plain one only over plain HTTP. */
    private Optional<String> binding(HttpRequest<?> request) {
        Optional<Cookie> secure = request.getCookies().findCookie(SECURE_COOKIE);
        if (secure.isPresent()) {
            return Optional.of(secure.get().getValue());
        }
        return proxies.isHttps(request) ? Optional.empty()
            : request.getCookies().findCookie(PLAIN_COOKIE).map(Cookie::getValue);
    }

    private Cookie bindingCookie(HttpRequest<?> request, String value, Duration lifetime) {
        boolean https = proxies.isHttps(request);
        return Cookie.of(https ? SECURE_COOKIE : PLAIN_COOKIE, value)
            .httpOnly(true)
            .secure(https)
            .sameSite(SameSite.Lax)
            .path("/")
            .maxAge(lifetime);
    }

    /** The URL with the parameters appended to its query (before any fragment), form-encoded. */
    static URI withQuery(String url, Map<String, String> parameters) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        String separator = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return URI.create(base + separator + query + fragment);
    }

    private HttpResponse<?> refusal(InstallRefusal reason) {
        HttpStatus status = switch (reason) {
            case MARKETPLACE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case STATE_OTHER_BROWSER -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        };
        return page(status, "Install failed", reason.code(), reason.message());
    }

    private static MutableHttpResponse<String> page(HttpStatus status, String title, @Nullable String errorCode,
                                                    String message) {
        String body = "<!doctype html><html lang=en><head><meta charset=utf-8><title>" + escape(title)
            + "</title><style>body{font-family:sans-serif;max-width:40em;margin:4em auto;padding:0 1em}"
            + "code{background:#eee;padding:.1em .3em}</style></head><body><h1>" + escape(title) + "</h1><p>"
            + escape(message) + "</p>" + (errorCode == null ? "" : "<p>Error code: <code>" + escape(errorCode)
            + "</code></p>") + "</body></html>";
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML_TYPE)
            .header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
