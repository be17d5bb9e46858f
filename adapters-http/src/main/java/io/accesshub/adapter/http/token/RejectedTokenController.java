package io.accesshub.adapter.http.token;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.adapter.http.security.Callers;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.RejectionReportResult;
import io.accesshub.application.port.in.ReportRejectedTokenUseCase;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.grant.AccessTokenDigest;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.shared.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /api/v1/locations/{locationId}/access-token/rejected} ({@code tokens:read}) and
 * {@code POST /api/v1/companies/{companyId}/access-token/rejected} ({@code company-tokens:read}): a service that
 * called HighLevel with a token and got 401 reports it by its SHA-256, {@code {"tokenSha256": "<64 hex digits>"}}.
 * The answer is the token API's ({@link AccessTokenController}); a malformed report is 400 {@code invalid_report},
 * and a report that would start one re-validation too many for the installation is 429 {@code report_rate_limited}
 * with {@code Retry-After}.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RejectedTokenController {

    /** A report is one small JSON object; anything larger is not one. */
    private static final int MAX_BODY_BYTES = 1_024;

    private final ReportRejectedTokenUseCase reports;
    private final JsonMapper json;

    public RejectedTokenController(ReportRejectedTokenUseCase reports, JsonMapper json) {
        this.reports = reports;
        this.json = json;
    }

    @Operation(summary = "Report that HighLevel rejected a location's access token; answers the current token")
    @SecurityRequirement(name = "apiKey")
    @RequestBody(content = @Content(mediaType = "application/json",
        schema = @Schema(implementation = RejectedTokenRequest.class)))
    @ApiResponse(responseCode = "200", description = "the token (a new one when the reported token was current)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccessTokenResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid_report or invalid_id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "not_installed",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "reauthorization_required or suspended",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "report_rate_limited, with Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "marketplace_unavailable, app_misconfigured or service_unavailable",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post(value = "/locations/{locationId}/access-token/rejected", consumes = MediaType.ALL)
    @Secured(Permission.TOKENS_READ_ROLE)
    public MutableHttpResponse<?> location(@PathVariable String locationId, @Nullable @QueryValue String app,
                                           @Nullable @Body byte[] body, Authentication authentication) {
        return report(locationId, LocationId::of, app, body, authentication, reports::reportForLocation);
    }

    @Operation(summary = "Report that HighLevel rejected an agency's access token; answers the current token")
    @SecurityRequirement(name = "apiKey")
    @RequestBody(content = @Content(mediaType = "application/json",
        schema = @Schema(implementation = RejectedTokenRequest.class)))
    @ApiResponse(responseCode = "200", description = "the token (a new one when the reported token was current)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccessTokenResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid_report or invalid_id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "not_installed",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "reauthorization_required or suspended",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "report_rate_limited, with Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "marketplace_unavailable, app_misconfigured or service_unavailable",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post(value = "/companies/{companyId}/access-token/rejected", consumes = MediaType.ALL)
    @Secured(Permission.COMPANY_TOKENS_READ_ROLE)
    public MutableHttpResponse<?> company(@PathVariable String companyId, @Nullable @QueryValue String app,
                                          @Nullable @Body byte[] body, Authentication authentication) {
        return report(companyId, CompanyId::of, app, body, authentication, reports::reportForCompany);
    }

    /** One of {@link ReportRejectedTokenUseCase}'s reports, for a location or for a company ({@code I}). */
    @FunctionalInterface
    private interface Report<I> {
        RejectionReportResult report(Caller caller, Optional<MarketplaceAppId> app, I id, AccessTokenDigest rejected);
    }

    /**
     * Parses the path's id (with {@code parse}) and the app, then the body, and answers the report: 400
     * {@code invalid_id} or {@code invalid_report}, 429 {@code report_rate_limited}, else the token API's answer.
     */
    private <I> MutableHttpResponse<?> report(String rawId, Function<String, I> parse, @Nullable String app,
                                              @Nullable byte[] body, Authentication authentication,
                                              Report<I> report) {
        I id;
        Optional<MarketplaceAppId> appId;
        try {
            id = parse.apply(rawId);
            appId = AccessTokenController.app(app);
        } catch (DomainException invalidId) {
            return AccessTokenController.invalidId();
        }
        Caller caller = Callers.of(authentication);
        Optional<AccessTokenDigest> rejected = digestIn(body);
        if (rejected.isEmpty()) {
            return Problems.response(Problem.of(400, "invalid_report", "Invalid report",
                "The body must be {\"tokenSha256\": \"<64 hex digits>\"}: the SHA-256 of the rejected access token."))
                .header("Cache-Control", "no-store");
        }
        RejectionReportResult result = report.report(caller, appId, id, rejected.get());
        if (result instanceof RejectionReportResult.RateLimited limited) {
            return Problems.response(Problem.of(429, "report_rate_limited", "Too many reports",
                    "This installation's token was re-validated too often in the last minute; retry later."))
                .header("Retry-After", String.valueOf(Math.max(1, ceilSeconds(limited.retryAfter()))))
                .header("Cache-Control", "no-store");
        }
        return AccessTokenController.answer(((RejectionReportResult.Answered) result).answer());
    }

    private Optional<AccessTokenDigest> digestIn(@Nullable byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        try {
            RejectedTokenRequest request = json.readValue(body, RejectedTokenRequest.class);
            return request == null ? Optional.empty() : AccessTokenDigest.parse(request.tokenSha256());
        } catch (IOException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static long ceilSeconds(java.time.Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }
}
