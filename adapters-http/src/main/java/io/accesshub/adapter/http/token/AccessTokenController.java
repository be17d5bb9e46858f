package io.accesshub.adapter.http.token;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.adapter.http.security.Callers;
import io.accesshub.application.port.in.Caller;
import io.accesshub.domain.access.Permission;
import io.accesshub.application.port.in.GetAccessTokenUseCase;
import io.accesshub.application.port.in.TokenResult;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/locations/{locationId}/access-token} for services holding {@code tokens:read} and
 * {@code GET /api/v1/companies/{companyId}/access-token} for those holding {@code company-tokens:read} (an agency
 * token can mint every location's token). A token outside the key's scope answers exactly like one that is not
 * installed. Problems carry stable codes: {@code not_installed} 404,
 * {@code reauthorization_required} / {@code suspended} 409, {@code marketplace_unavailable} and
 * {@code app_misconfigured} 503 (and, from the problem handler, {@code service_unavailable} 503 while the database is
 * unavailable).
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccessTokenController {

    private final GetAccessTokenUseCase tokens;

    public AccessTokenController(GetAccessTokenUseCase tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "A usable access token for a location")
    @SecurityRequirement(name = "apiKey")
    @ApiResponse(responseCode = "200", description = "the token",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccessTokenResponse.class)))
    @ApiResponse(responseCode = "404", description = "not_installed",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "reauthorization_required or suspended",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "marketplace_unavailable (HighLevel) or service_unavailable (the hub's "
        + "database); both with Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/locations/{locationId}/access-token")
    @Secured(Permission.TOKENS_READ_ROLE)
    public MutableHttpResponse<?> location(@PathVariable String locationId, @Nullable @QueryValue String app,
                                           Authentication authentication) {
        LocationId location;
        Optional<MarketplaceAppId> appId;
        try {
            location = LocationId.of(locationId);
            appId = app(app);
        } catch (io.accesshub.domain.shared.DomainException invalidId) {
            return invalidId();
        }
        Caller caller = Callers.of(authentication);
        return read(() -> tokens.accessTokenForLocation(caller, appId, location));
    }

    @Operation(summary = "A usable access token for a agency (company)")
    @SecurityRequirement(name = "apiKey")
    @ApiResponse(responseCode = "200", description = "the token",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccessTokenResponse.class)))
    @ApiResponse(responseCode = "404", description = "not_installed",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "reauthorization_required or suspended",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "marketplace_unavailable (HighLevel) or service_unavailable (the hub's "
        + "database); both with Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/companies/{companyId}/access-token")
    @Secured(Permission.COMPANY_TOKENS_READ_ROLE)
    public MutableHttpResponse<?> company(@PathVariable String companyId, @Nullable @QueryValue String app,
                                          Authentication authentication) {
        CompanyId company;
        Optional<MarketplaceAppId> appId;
        try {
            company = CompanyId.of(companyId);
            appId = app(app);
        } catch (io.accesshub.domain.shared.DomainException invalidId) {
            return invalidId();
        }
        Caller caller = Callers.of(authentication);
        return read(() -> tokens.accessTokenForCompany(caller, appId, company));
    }

    /** The token API's answer to an id that is not a HighLevel id (also the proxy's). */
    public static MutableHttpResponse<?> invalidId() {
        return Problems.response(Problem.of(400, "invalid_id", "Invalid id",
            "Location, company and app ids are HighLevel ids (letters, digits, '-', '_', '.').")).header(
                "Cache-Control", "no-store");
    }

    static Optional<MarketplaceAppId> app(@Nullable String app) {
        return Optional.ofNullable(app).filter(a -> !a.isBlank()).map(MarketplaceAppId::of);
    }

    private static MutableHttpResponse<?> read(Supplier<TokenResult> lookup) {
        return answer(lookup.get());
    }

    /** The token API's answer for {@code result}: the token, or its problem; never stored by caches. */
    public static MutableHttpResponse<?> answer(TokenResult result) {
        MutableHttpResponse<?> response;
        if (result instanceof TokenResult.Issued issued) {
            response = HttpResponse.ok(new AccessTokenResponse(issued.accessToken().value(), "Bearer",
                issued.expiresAt(), issued.scopes().values().stream().map(Object::toString).sorted().toList(),
                issued.companyId().value(), issued.locationId().map(LocationId::value).orElse(null),
                issued.source().name()));
        } else if (result instanceof TokenResult.NotInstalled) {
            response = Problems.response(Problem.of(404, "not_installed", "Not installed",
                "The app is not installed there."));
        } else if (result instanceof TokenResult.NeedsReauthorization lost) {
            response = Problems.response(Problem.of(409, "reauthorization_required", "Reauthorization required",
                "The grant is lost (" + lost.reason().name() + "); the app must be installed again."));
        } else if (result instanceof TokenResult.Suspended suspended) {
            response = Problems.response(Problem.of(409, "suspended", "Location not active",
                "HighLevel reports the location as not active (" + suspended.reason().name() + ")."));
        } else if (result instanceof TokenResult.AppMisconfigured) {
            response = Problems.response(Problem.of(503, "app_misconfigured", "App misconfigured",
                "HighLevel refuses this app's client credentials; an operator must fix the app's configuration."
                    + " Every grant is kept."));
            response.header("Retry-After", "60");
        } else {
            TokenResult.MarketplaceUnavailable unavailable = (TokenResult.MarketplaceUnavailable) result;
            response = Problems.response(Problem.of(503, "marketplace_unavailable", "HighLevel unavailable",
                "No fresh token could be obtained right now; retry shortly."));
            unavailable.retryAfter().ifPresent(d -> response.header("Retry-After",
                String.valueOf(Math.max(1, d.toSeconds()))));
        }
        return response.header("Cache-Control", "no-store");
    }
}
