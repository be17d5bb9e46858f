package io.accesshub.adapter.http.proxy;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.adapter.http.security.Callers;
import io.accesshub.adapter.http.token.AccessTokenController;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.HighLevelCallResult;
import io.accesshub.application.port.in.HighLevelCalls;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.budget.BudgetRemaining;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.proxy.MaxWait;
import io.accesshub.domain.shared.DomainException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/proxy/locations/{locationId}/{path}} ({@code proxy:use}) and
 * {@code /api/v1/proxy/companies/{companyId}/{path}} ({@code proxy:use} and {@code company-tokens:read}): calls
 * {@code {HighLevel API base}/{path}} with the method, query string, body and content type of the request and that
 * resource's token, within the app's shared budget. HighLevel's status, body, content headers and budget headers come
 * back, with {@code X-AccessHub-Budget-Remaining} and {@code X-AccessHub-Daily-Remaining} on every answer that got as
 * far as the budget. {@code X-AccessHub-App} names the app when several are configured (the query string is
 * HighLevel's and goes on untouched).
 */
@Controller("/api/v1/proxy")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ProxyController {

    /** The app whose token is used, when several are configured. */
    public static final String APP_HEADER = "X-AccessHub-App";
    /** The caller's deadline for budget, in whole seconds. */
    public static final String MAX_WAIT_HEADER = "X-AccessHub-Max-Wait";
    /** Burst calls left for product traffic in the current sliding window, after the background reserve. */
    public static final String BUDGET_REMAINING_HEADER = "X-AccessHub-Budget-Remaining";
    /** Calls left today for product traffic. */
    public static final String DAILY_REMAINING_HEADER = "X-AccessHub-Daily-Remaining";

    private static final String LOCATIONS = "/api/v1/proxy/locations/";
    private static final String COMPANIES = "/api/v1/proxy/companies/";

    private final HighLevelCalls calls;
    private final long maxBodyBytes;

    public ProxyController(HighLevelCalls calls,
                           @Value("${accesshub.proxy.max-body-bytes:1048576}") long maxBodyBytes) {
        this.calls = calls;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Operation(summary = "Call HighLevel's API with a location's token, within the shared budget")
    @SecurityRequirement(name = "apiKey")
    @Get(value = "/locations/{locationId}/{+path}", produces = MediaType.ALL)
    @Secured(Permission.PROXY_USE_ROLE)
    public MutableHttpResponse<?> getForLocation(@PathVariable String locationId, HttpRequest<?> request,
                                                 Authentication authentication) {
        return location(locationId, request, null, authentication);
    }

    @Operation(summary = "Call HighLevel's API with a location's token, within the shared budget")
    @SecurityRequirement(name = "apiKey")
    @Delete(value = "/locations/{locationId}/{+path}", consumes = MediaType.ALL, produces = MediaType.ALL)
    @Secured(Permission.PROXY_USE_ROLE)
    public MutableHttpResponse<?> deleteForLocation(@PathVariable String locationId, HttpRequest<?> request,
                                                    @Nullable @Body byte[] body, Authentication authentication) {
        return location(locationId, request, body, authentication);
    }

    @Operation(summary = "Call HighLevel's API with a location's token, within the shared budget")
    @SecurityRequirement(name = "apiKey")
    @Post(value = "/locations/{locationId}/{+path}", consumes = MediaType.ALL, produces = MediaType.ALL)
    @Secured(Permission.PROXY_USE_ROLE)
    public MutableHttpResponse<?> postForLocation(@PathVariable String locationId, HttpRequest<?> request,
                                                  @Nullable @Body byte[] body, Authentication authentication) {
        return location(locationId, request, body, authentication);
    }

    @Operation(summary = "Call HighLevel's API with a location's token, within the shared budget")
    @SecurityRequirement(name = "apiKey")
    @Put(value = "/locations/{locationId}/{+path}", consumes = MediaType.ALL, produces = MediaType.ALL)
    @Secured(Permission.PROXY_USE_ROLE)
    public MutableHttpResponse<?> putForLocation(@PathVariable String locationId, HttpRequest<?> request,
                                                 @Nullable @Body byte[] body, Authentication authentication) {
        return location(locationId, request, body, authentication);
    }

    @Operation(summary = "Call HighLevel's API with a location's token, within the shared budget")
    @SecurityRequirement(name = "apiKey")
    @Patch(value = "/locations/{locationId}/{+path}", consumes = MediaType.ALL, produces = MediaType.ALL)
    @Secured(Permission.PROXY_USE_ROLE)
    public MutableHttpResponse<?> patchForLocation(@PathVariable String locationId, HttpRequest<?> request,
                                                   @Nullable @Body byte[] body, Authentication authentication) {
        return location(locationId, request, body, authentication);
    }

    @Operation(summary = "Call HighLevel's API with an agency's token, within the shared budget")
    @SecurityRequirement(name = "apiKey")
    @Get(value = "/companies/{companyId}/{+path}", produces = MediaType.ALL)
    @Secured(Permission.PROXY_USE_ROLE)
    public MutableHttpResponse<?> getForCompany(@PathVariable String companyId, HttpRequest<?> request,
                                                Authentication authentication) {
        return company(companyId, request, null, authentication);
    }

    @Operation(summary = "Call HighLevel's API with an agency's token, within the shared budget")
    @SecurityRequirement(name = "apiKey")
    @Delete(value = "/companies/{companyId}/{+path}", consumes = MediaType.ALL, produces = MediaType.ALL)
    @Secured(Permission.PROXY_USE_ROLE)
    public MutableHttpResponse<?> deleteForCompany(@PathVariable String companyId, HttpRequest<?> request,
                                                   @Nullable @Body byte[] body, Authentication authentication) {
        return company(companyId, request, body, authentication);
    }

    @Operation(summary = "Call HighLevel's API with an agency's token, within the shared budget")
    @SecurityRequirement(name = "apiKey")
    @Post(value = "/companies/{companyId}/{+path}", consumes = MediaType.ALL, produces = MediaType.ALL)
    @Secured(Permission.PROXY_USE_ROLE)
    public MutableHttpResponse<?> postForCompany(@PathVariable String companyId, HttpRequest<?> request,
                                                 @Nullable @Body byte[] body, Authentication authentication) {
        return company(companyId, request, body, authentication);
    }

    @Operation(summary = "Call HighLevel's API with an agency's token, within the shared budget")
    @SecurityRequirement(name = "apiKey")
    @Put(value = "/companies/{companyId}/{+path}", consumes = MediaType.ALL, produces = MediaType.ALL)
    @Secured(Permission.PROXY_USE_ROLE)
    public MutableHttpResponse<?> putForCompany(@PathVariable String companyId, HttpRequest<?> request,
                                                @Nullable @Body byte[] body, Authentication authentication) {
        return company(companyId, request, body, authentication);
    }

    @Operation(summary = "Call HighLevel's API with an agency's token, within the shared budget")
    @SecurityRequirement(name = "apiKey")
    @Patch(value = "/companies/{companyId}/{+path}", consumes = MediaType.ALL, produces = MediaType.ALL)
    @Secured(Permission.PROXY_USE_ROLE)
    public MutableHttpResponse<?> patchForCompany(@PathVariable String companyId, HttpRequest<?> request,
                                                  @Nullable @Body byte[] body, Authentication authentication) {
        return company(companyId, request, body, authentication);
    }

    private MutableHttpResponse<?> location(String locationId, HttpRequest<?> request, @Nullable byte[] body,
                                            Authentication authentication) {
        LocationId location;
        Optional<MarketplaceAppId> app;
        try {
            location = LocationId.of(locationId);
            app = app(request);
        } catch (DomainException invalidId) {
            return AccessTokenController.invalidId();
        }
        return forward(LOCATIONS + locationId + "/", HighLevelCalls.Resource.location(app, location), request, body,
            Callers.of(authentication));
    }

    private MutableHttpResponse<?> company(String companyId, HttpRequest<?> request, @Nullable byte[] body,
                                           Authentication authentication) {
        Caller caller = Callers.of(authentication);
        if (!caller.has(Permission.COMPANY_TOKENS_READ)) {
            return noStore(Problems.response(Problems.forbidden()));
        }
        CompanyId company;
        Optional<MarketplaceAppId> app;
        try {
            company = CompanyId.of(companyId);
            app = app(request);
        } catch (DomainException invalidId) {
            return AccessTokenController.invalidId();
        }
        return forward(COMPANIES + companyId + "/", HighLevelCalls.Resource.company(app, company), request, body,
            caller);
    }

    private MutableHttpResponse<?> forward(String prefix, HighLevelCalls.Resource resource, HttpRequest<?> request,
                                           @Nullable byte[] body, Caller caller) {
        String rawPath = request.getUri().getRawPath();
        if (!rawPath.startsWith(prefix)) {
            return AccessTokenController.invalidId();
        }
        byte[] content = body == null ? new byte[0] : body;
        long declared = request.getContentLength();
        if (content.length > maxBodyBytes || declared > maxBodyBytes) {
            return noStore(Problems.response(Problem.of(413, "body_too_large", "Body too large",
                "The proxy forwards bodies of at most " + maxBodyBytes + " bytes.")));
        }
        Optional<Duration> maxWait = MaxWait.parse(Optional.ofNullable(request.getHeaders().get(MAX_WAIT_HEADER)));
        if (maxWait.isEmpty()) {
            return noStore(Problems.response(Problem.of(400, "invalid_max_wait", "Invalid max wait",
                MAX_WAIT_HEADER + " is a whole number of seconds (0 to 60; larger values are capped at 60).")));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.computeIfAbsent(name, n -> new ArrayList<>())
            .addAll(values));
        HighLevelCallResult result = calls.call(caller, new HighLevelCalls.HighLevelCall(resource, request.getMethodName(),
            rawPath.substring(prefix.length()), Optional.ofNullable(request.getUri().getRawQuery()).filter(q -> !q.isEmpty()), headers, content,
            maxWait.get()));
        return withBudget(answer(result), result.budget());
    }

    private static MutableHttpResponse<?> answer(HighLevelCallResult result) {
        if (result instanceof HighLevelCallResult.Answered answered) {
            MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>ok().status(answered.status());
            answered.headers().forEach((name, values) -> values.forEach(v -> response.getHeaders().add(name, v)));
            return response.header("Cache-Control", "no-store").body(answered.body());
        }
        if (result instanceof HighLevelCallResult.PathRefused refused) {
            return noStore(Problems.response(Problem.of(403, "path_not_allowed", "Path not allowed",
                "The proxy does not call this path: " + refused.why() + ".")));
        }
        if (result instanceof HighLevelCallResult.NoToken noToken) {
            return AccessTokenController.answer(noToken.answer());
        }
        if (result instanceof HighLevelCallResult.BudgetExhausted exhausted) {
            return retryAfter(noStore(Problems.response(Problem.of(429, "budget_exhausted", "Budget exhausted",
                "The app's shared HighLevel budget for this resource had no room before the deadline; HighLevel"
                    + " was not called."))), exhausted.retryAfter());
        }
        if (result instanceof HighLevelCallResult.DailyBudgetExhausted daily) {
            return retryAfter(noStore(Problems.response(Problem.of(429, "daily_budget_exhausted",
                "Daily budget exhausted", "The app's HighLevel budget for this resource is spent for today;"
                    + " HighLevel was not called."))), daily.retryAfter());
        }
        if (result instanceof HighLevelCallResult.TokenRejected) {
            return noStore(Problems.response(Problem.of(401, "token_rejected", "Token rejected",
                "HighLevel rejected the resource's token and the hub renewed it; the call was not repeated"
                    + " because its method is not idempotent. Repeat it if it should happen.")));
        }
        HighLevelCallResult.NoAnswer none = (HighLevelCallResult.NoAnswer) result;
        if (none.maybeSent()) {
            return noStore(Problems.response(Problem.of(504, "highlevel_no_answer", "HighLevel did not answer",
                "The call may have reached HighLevel; check before repeating a call that is not idempotent.")));
        }
        return noStore(Problems.response(Problem.of(502, "highlevel_unreachable", "HighLevel unreachable",
            "The hub could not connect to HighLevel; the call was not sent.")));
    }

    private static MutableHttpResponse<?> withBudget(MutableHttpResponse<?> response,
                                                     Optional<BudgetRemaining> budget) {
        budget.ifPresent(b -> {
            response.header(BUDGET_REMAINING_HEADER, String.valueOf(Math.max(0, b.burst())));
            response.header(DAILY_REMAINING_HEADER, String.valueOf(Math.max(0, b.daily())));
        });
        return response;
    }

    private static MutableHttpResponse<?> retryAfter(MutableHttpResponse<?> response, Duration after) {
        long seconds = Math.max(1, after.toSeconds() + (after.toMillisPart() > 0 ? 1 : 0));
        return response.header("Retry-After", String.valueOf(seconds));
    }

    private static MutableHttpResponse<?> noStore(MutableHttpResponse<?> response) {
        return response.header("Cache-Control", "no-store");
    }

    private static Optional<MarketplaceAppId> app(HttpRequest<?> request) {
        return Optional.ofNullable(request.getHeaders().get(APP_HEADER)).filter(a -> !a.isBlank())
            .map(MarketplaceAppId::of);
    }
}
