package io.accesshub.adapter.ghl;

import io.accesshub.application.port.out.AuthorizationCode;
import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.GrantedTo;
import io.accesshub.application.port.out.InstalledLocationsOutcome;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.PlanId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one client for HighLevel's OAuth endpoints. It never retries: a request that may have spent a single-use
 * credential is reported as {@link TokenExchangeOutcome.Uncertain} and the caller's recovery rules decide. Logs carry
 * the endpoint, status and HighLevel's {@code traceId}, never a token, code or secret.
 */
@Singleton
public final class HighLevelMarketplaceGateway implements MarketplaceGateway {

    private static final Logger LOG = LoggerFactory.getLogger(HighLevelMarketplaceGateway.class);
    private static final String TOKEN_PATH = TokenRefusalClassifier.TOKEN_PATH;
    private static final String LOCATION_TOKEN_PATH = "/oauth/locationToken";
    /** The path without its query (company id, paging): what metrics name the endpoint by. */
    private static final String INSTALLED_LOCATIONS_PATH = "/oauth/installedLocations";

    private final HttpClient http;
    private final ConfiguredMarketplaceApps apps;
    private final HighLevelConfiguration configuration;
    private final JsonMapper json;
    private final Clock clock;
    private final HighLevelPacing pacing;
    private final TokenRefusalClassifier refusals;
    private final HubMetrics metrics;

    /** {@code metrics} is absent where nothing observes the hub (the adapter's own tests). */
    public HighLevelMarketplaceGateway(@Client(id = "highlevel") HttpClient http, ConfiguredMarketplaceApps apps,
                                       HighLevelConfiguration configuration, JsonMapper json, Clock clock,
                                       HighLevelPacing pacing, Optional<HubMetrics> metrics) {
        this.http = http;
        this.apps = apps;
        this.configuration = configuration;
        this.json = json;
        this.clock = clock;
        this.pacing = pacing;
        this.refusals = new TokenRefusalClassifier(configuration.getInvalidClient());
        this.metrics = metrics.orElse(HubMetrics.NOOP);
    }

    @Override
    public URI authorizationPage(MarketplaceAppId app, Optional<String> state) {
        AppConfiguration c = apps.configuration(app);
        String base = c.getAuthorizationUrl().orElse("white-label".equalsIgnoreCase(c.getListing())
            ? configuration.getWhiteLabelAuthorizationUrl() : configuration.getAuthorizationUrl());
        StringBuilder url = new StringBuilder(base).append(base.contains("?") ? '&' : '?')
            .append("response_type=code")
            .append("&client_id=").append(encode(c.getClientId()))
            .append("&redirect_uri=").append(encode(c.getRedirectUri()))
            .append("&scope=").append(encode(c.getScopes()));
        c.getLoginWindowOpenMode().ifPresent(mode -> url.append("&loginWindowOpenMode=").append(encode(mode)));
        c.getVersionId().ifPresent(version -> url.append("&version_id=").append(encode(version)));
        state.ifPresent(s -> url.append("&state=").append(encode(s)));
        return URI.create(url.toString());
    }

    @Override
    public TokenExchangeOutcome exchangeAuthorizationCode(MarketplaceAppId app, AuthorizationCode code) {
        AppConfiguration c = apps.configuration(app);
        Map<String, String> form = credentials(c);
        form.put("grant_type", "authorization_code");
        form.put("code", code.value());
        form.put("redirect_uri", c.getRedirectUri());
        return counted(app, send(app, TOKEN_PATH, form, Optional.empty(), Optional.empty()));
    }

    @Override
    public TokenExchangeOutcome refresh(MarketplaceAppId app, RefreshToken refreshToken, UserType userType) {
        Map<String, String> form = credentials(apps.configuration(app));
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken.value());
        form.put("user_type", userType.highLevelName());
        return counted(app, send(app, TOKEN_PATH, form, Optional.empty(), Optional.empty()));
    }

    /**
     * Token exchanges and refreshes never wait for budget and are never refused for it (a refresh that waited could
     * outlive its lease, and a pair HighLevel issued is never dropped): once HighLevel answers with the resource they
     * were for, they are counted against its budget so product traffic sees them.
     */
    private TokenExchangeOutcome counted(MarketplaceAppId app, TokenExchangeOutcome outcome) {
        if (outcome instanceof TokenExchangeOutcome.Issued issued) {
            String resource = issued.grantedTo().locationId().map(LocationId::value)
                .orElse(issued.grantedTo().companyId().value());
            pacing.record(BudgetKey.of(app, resource));
        }
        return outcome;
    }

    @Override
    public TokenExchangeOutcome mintLocationToken(MarketplaceAppId app, AccessToken companyAccessToken,
                                                  CompanyId companyId, LocationId locationId) {
        Optional<Duration> tooLong = pacing.permit(BudgetKey.of(app, companyId.value()));
        if (tooLong.isPresent()) {
            return new TokenExchangeOutcome.Transient(tooLong, "paced: the company's rate budget is in use");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("companyId", companyId.value());
        form.put("locationId", locationId.value());
        return send(app, LOCATION_TOKEN_PATH, form, Optional.of(companyAccessToken),
            Optional.of(new PacedResource(app.value(), companyId.value())));
    }

    @Override
    public InstalledLocationsOutcome installedLocations(MarketplaceAppId app, AccessToken companyAccessToken,
                                                        CompanyId companyId, int offset, int limit) {
        Optional<Duration> tooLong = pacing.permit(BudgetKey.of(app, companyId.value()));
        if (tooLong.isPresent()) {
            return new InstalledLocationsOutcome.Unavailable(tooLong, "paced");
        }
        String path = INSTALLED_LOCATIONS_PATH + "?companyId=" + encode(companyId.value()) + "&appId="
            + encode(app.value()) + "&skip=" + offset + "&limit=" + limit;
        MutableHttpRequest<Object> request = HttpRequest.GET(path).bearerAuth(companyAccessToken.value())
            .header("Version", configuration.getApiVersion()).accept(MediaType.APPLICATION_JSON_TYPE);
        try {
            HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
            metrics.highLevelCall(app, INSTALLED_LOCATIONS_PATH, String.valueOf(response.code()));
            observeRateLimit(Optional.of(new PacedResource(app.value(), companyId.value())), response.code(),
                response.getHeaders());
            Map<String, Object> body = parse(response.body());
            LOG.info("HighLevel GET /oauth/installedLocations answered {} (traceId {})", response.code(),
                body.get("traceId"));
            List<InstalledLocationsOutcome.InstalledLocation> locations = new ArrayList<>();
            if (body.get("locations") instanceof Collection<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> location && location.get("_id") != null) {
                        locations.add(new InstalledLocationsOutcome.InstalledLocation(
                            LocationId.of(String.valueOf(location.get("_id"))),
                            String.valueOf(location.get("name") == null ? "" : location.get("name")),
                            !Boolean.FALSE.equals(location.get("isInstalled"))));
                    }
                }
            }
            int count = body.get("count") instanceof Number n ? n.intValue() : locations.size();
            return new InstalledLocationsOutcome.Page(locations, count,
                Boolean.TRUE.equals(body.get("installToFutureLocations")));
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            metrics.highLevelCall(app, INSTALLED_LOCATIONS_PATH, String.valueOf(status));
            observeRateLimit(Optional.of(new PacedResource(app.value(), companyId.value())), status,
                e.getResponse().getHeaders());
            if (status == 429 || status >= 500) {
                return new InstalledLocationsOutcome.Unavailable(Optional.empty(), "HighLevel answered " + status);
            }
            return new InstalledLocationsOutcome.Refused(status, TokenRefusalClassifier.messageOf(
                parse(e.getResponse().getBody(String.class).orElse(""))));
        } catch (HttpClientException e) {
            metrics.highLevelCall(app, INSTALLED_LOCATIONS_PATH, e instanceof ReadTimeoutException ? "timeout"
                : ConnectFailures.isConnectFailure(e) ? "connect_failed" : "no_answer");
            return new InstalledLocationsOutcome.Unavailable(Optional.empty(), e.getClass().getSimpleName());
        }
    }

    private static Map<String, String> credentials(AppConfiguration c) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", c.getClientId());
        form.put("client_secret", c.getClientSecret());
        return form;
    }

    /** The rate budget a call spends: HighLevel's headers about it correct the shared budget. */
    private record PacedResource(String app, String resource) {
    }

    /** Tells the shared budget what HighLevel's answer said about the resource the call was paced for, if any. */
    private void observeRateLimit(Optional<PacedResource> paced, int status, io.micronaut.http.HttpHeaders headers) {
        paced.ifPresent(p -> pacing.observe(BudgetKey.of(MarketplaceAppId.of(p.app()), p.resource()), status, headers));
    }

    private TokenExchangeOutcome send(MarketplaceAppId app, String path, Map<String, String> form,
                                      Optional<AccessToken> bearer, Optional<PacedResource> paced) {
        MutableHttpRequest<String> request = HttpRequest.POST(path, formBody(form))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
            .accept(MediaType.APPLICATION_JSON_TYPE);
        bearer.ifPresent(token -> request.bearerAuth(token.value()).header("Version", configuration.getApiVersion()));
        try {
            HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
            metrics.highLevelCall(app, path, String.valueOf(response.code()));
            observeRateLimit(paced, response.code(), response.getHeaders());
            Map<String, Object> body = parse(response.body());
            LOG.info("HighLevel POST {} answered {} (traceId {})", path, response.code(), body.get("traceId"));
            return issued(body).<TokenExchangeOutcome>map(i -> i)
                .orElseGet(() -> new TokenExchangeOutcome.Uncertain("2xx without a usable token pair"));
        } catch (HttpClientResponseException e) {
            metrics.highLevelCall(app, path, String.valueOf(e.getStatus().getCode()));
            observeRateLimit(paced, e.getStatus().getCode(), e.getResponse().getHeaders());
            return classify(app, path, e, form, bearer);
        } catch (ReadTimeoutException e) {
            metrics.highLevelCall(app, path, "timeout");
            LOG.warn("HighLevel POST {} timed out after the request was sent", path);
            return new TokenExchangeOutcome.Uncertain("read timeout after the request was sent");
        } catch (HttpClientException e) {
            boolean connectFailure = ConnectFailures.isConnectFailure(e);
            metrics.highLevelCall(app, path, connectFailure ? "connect_failed" : "no_answer");
            if (connectFailure) {
                LOG.warn("HighLevel POST {} could not connect: {}", path, e.getClass().getSimpleName());
                return new TokenExchangeOutcome.Transient(Optional.empty(), "connection failed before sending");
            }
            LOG.warn("HighLevel POST {} lost its answer: {}", path, e.getClass().getSimpleName());
            return new TokenExchangeOutcome.Uncertain("connection closed without an answer");
        }
    }

    private TokenExchangeOutcome classify(MarketplaceAppId app, String path, HttpClientResponseException e,
                                          Map<String, String> form, Optional<AccessToken> bearer) {
        int status = e.getStatus().getCode();
        Map<String, Object> body = parse(e.getResponse().getBody(String.class).orElse(""));
        LOG.info("HighLevel POST {} answered {} (traceId {})", path, status, body.get("traceId"));
        List<String> sent = new ArrayList<>(List.of(form.getOrDefault("client_secret", ""),
            form.getOrDefault("code", ""), form.getOrDefault("refresh_token", "")));
        bearer.ifPresent(token -> sent.add(token.value()));
        Optional<Duration> retryAfter = e.getResponse().getHeaders().get("Retry-After", Long.class)
            .map(Duration::ofSeconds);
        TokenExchangeOutcome outcome = refusals.classify(path, status, body, retryAfter, sent);
        if (outcome instanceof TokenExchangeOutcome.InvalidClient refused) {
            LOG.warn("HighLevel refused the client credentials of app {} on POST {} ({}: {}); check the app's "
                + "client-id and client-secret (accesshub.apps.<name>.*)", app.value(), path, status, refused.detail());
        }
        return outcome;
    }

    private Optional<TokenExchangeOutcome.Issued> issued(Map<String, Object> body) {
        Object access = body.get("access_token");
        Object userType = body.get("userType");
        Object companyId = body.get("companyId");
        if (!(access instanceof String accessValue) || accessValue.isBlank() || userType == null
            || companyId == null) {
            return Optional.empty();
        }
        Instant issuedAt = clock.instant();
        long expiresIn = body.get("expires_in") instanceof Number n ? n.longValue() : 86_399L;
        Optional<RefreshToken> refresh = body.get("refresh_token") instanceof String r && !r.isBlank()
            ? Optional.of(RefreshToken.of(r)) : Optional.empty();
        IssuedTokens tokens = new IssuedTokens(AccessToken.of(accessValue), issuedAt.plusSeconds(expiresIn), refresh,
            Scopes.parse(String.valueOf(body.getOrDefault("scope", ""))), issuedAt);
        UserType type = UserType.fromHighLevelName(String.valueOf(userType));
        Optional<LocationId> location = body.get("locationId") instanceof String l && !l.isBlank()
            ? Optional.of(LocationId.of(l)) : Optional.empty();
        CompanyInstallDetails details = CompanyInstallDetails.none();
        if (type == UserType.COMPANY) {
            Set<LocationId> approved = new LinkedHashSet<>();
            if (body.get("approvedLocations") instanceof Collection<?> list) {
                list.forEach(id -> approved.add(LocationId.of(String.valueOf(id))));
            }
            details = CompanyInstallDetails.of(approved, Boolean.TRUE.equals(body.get("installToFutureLocations")),
                Boolean.TRUE.equals(body.get("approveAllLocations")),
                Boolean.TRUE.equals(body.get("isBulkInstallation")));
        }
        Optional<String> userId = body.get("userId") instanceof String u ? Optional.of(u) : Optional.empty();
        Optional<PlanId> plan = planOf(body.get("planId"));
        return Optional.of(new TokenExchangeOutcome.Issued(tokens,
            new GrantedTo(type, CompanyId.of(String.valueOf(companyId)), location, details, userId, plan)));
    }

    /**
     * The plan a token answer names; a plan id the hub cannot store is left out rather than failing the exchange,
     * since the pair HighLevel issued must be kept whatever else the answer says.
     */
    private static Optional<PlanId> planOf(Object value) {
        if (!(value instanceof String id) || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PlanId.of(id));
        } catch (RuntimeException unusable) {
            LOG.warn("HighLevel named a plan id the hub cannot store ({} characters); it is ignored", id.length());
            return Optional.empty();
        }
    }

    private Map<String, Object> parse(String body) {
        return HighLevelPacing.parse(json, body);
    }

    private static String formBody(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(encode(k)).append('=').append(encode(v));
        });
        return body.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
