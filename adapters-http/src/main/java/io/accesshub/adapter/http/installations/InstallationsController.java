package io.accesshub.adapter.http.installations;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.adapter.http.security.Callers;
import io.accesshub.domain.access.Permission;
import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.GetInstallationUseCase;
import io.accesshub.application.port.in.InstallationQuery;
import io.accesshub.application.port.in.InstallationSummary;
import io.accesshub.application.port.in.ListInstallationsUseCase;
import io.accesshub.application.port.in.UninstallInstallationUseCase;
import io.accesshub.application.port.in.UninstallResult;
import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.uninstall.UninstallReason;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/v1/installations} (filtered, paged) and {@code GET /api/v1/installations/{id}}, both limited to the
 * key's scope: an installation outside it is not listed and answers 404 like an unknown id. {@code DELETE
 * /api/v1/installations/{id}} (admin) removes the app from the installation at HighLevel and in the hub.
 */
@Controller("/api/v1/installations")
@Secured(Permission.INSTALLATIONS_READ_ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class InstallationsController {

    private final ListInstallationsUseCase list;
    private final GetInstallationUseCase get;
    private final UninstallInstallationUseCase uninstall;

    public InstallationsController(ListInstallationsUseCase list, GetInstallationUseCase get,
                                   UninstallInstallationUseCase uninstall) {
        this.list = list;
        this.get = get;
        this.uninstall = uninstall;
    }

    @Operation(summary = "Installations, filtered and paged; never tokens")
    @SecurityRequirement(name = "apiKey")
    @ApiResponse(responseCode = "200", description = "a page", content = @Content(mediaType = "application/json",
        schema = @Schema(implementation = InstallationPageResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid_filter or invalid_paging",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "service_unavailable: the hub's database is unavailable; "
        + "Retry-After in seconds",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get
    public HttpResponse<?> list(@Nullable @QueryValue String appId, @Nullable @QueryValue String companyId,
                                @Nullable @QueryValue String locationId, @Nullable @QueryValue String status,
                                @Nullable @QueryValue Integer offset, @Nullable @QueryValue Integer limit,
                                Authentication authentication) {
        InstallationQuery query = InstallationQuery.all().within(Callers.of(authentication).scope());
        try {
            if (appId != null) {
                query = query.withApp(MarketplaceAppId.of(appId));
            }
            if (companyId != null) {
                query = query.withCompany(CompanyId.of(companyId));
            }
            if (locationId != null) {
                query = query.withLocation(LocationId.of(locationId));
            }
            if (status != null) {
                query = query.withStatus(InstallationStatus.valueOf(status.toUpperCase(Locale.ROOT)));
            }
        } catch (RuntimeException e) {
            return Problems.response(Problem.of(400, "invalid_filter", "Invalid filter",
                "appId, companyId and locationId are HighLevel ids; status is one of PENDING, ACTIVE, DEGRADED, "
                    + "SUSPENDED, NEEDS_REAUTH, UNINSTALLED."));
        }
        int from = offset == null ? 0 : offset;
        int size = limit == null ? 50 : limit;
        if (from < 0 || size < 1 || size > 500) {
            return Problems.response(Problem.of(400, "invalid_paging", "Invalid paging",
                "offset must be 0 or more and limit between 1 and 500."));
        }
        Page<InstallationSummary> page = list.list(query, new PageRequest(from, size));
        return HttpResponse.ok(new InstallationPageResponse(page.items().stream().map(InstallationResponse::of)
            .toList(), page.totalCount(), from, size, page.hasNext())).header("Cache-Control", "no-store");
    }

    @Operation(summary = "One installation; never its tokens")
    @SecurityRequirement(name = "apiKey")
    @ApiResponse(responseCode = "200", description = "the installation", content = @Content(
        mediaType = "application/json", schema = @Schema(implementation = InstallationResponse.class)))
    @ApiResponse(responseCode = "404", description = "not_found",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "service_unavailable: the hub's database is unavailable; "
        + "Retry-After in seconds",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{id}")
    public HttpResponse<?> get(@PathVariable String id, Authentication authentication) {
        Optional<InstallationId> parsed = parse(id);
        if (parsed.isEmpty()) {
            return invalidId();
        }
        Optional<InstallationSummary> found = get.get(Callers.of(authentication).scope(), parsed.get());
        if (found.isEmpty()) {
            return notFound();
        }
        return HttpResponse.ok(InstallationResponse.of(found.get())).header("Cache-Control", "no-store");
    }

    @Operation(summary = "Removes the app from an installation at HighLevel, then erases its tokens (admin)",
        description = "Calls HighLevel's DELETE /marketplace/app/{appId}/installations with the installation's token "
            + "(an agency's removes the app from all its locations), erases the tokens, marks the installation "
            + "UNINSTALLED (UNINSTALLED_BY_DEVELOPER), cascades to the locations minted from it and emits lifecycle "
            + "events. Repeating it is harmless. When HighLevel is unavailable the request is kept and retried in "
            + "the background: 202, and the installation shows it as pendingUninstall.")
    @SecurityRequirement(name = "apiKey")
    @ApiResponse(responseCode = "200", description = "uninstalled; the installation", content = @Content(
        mediaType = "application/json", schema = @Schema(implementation = InstallationResponse.class)))
    @ApiResponse(responseCode = "202", description = "queued for a retry; the installation with pendingUninstall",
        content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = InstallationResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid_id, invalid_reason or malformed_body",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "forbidden: the key lacks admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "not_found",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "service_unavailable: the hub's database is unavailable; "
        + "Retry-After in seconds",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Delete("/{id}")
    @Secured(Permission.ADMIN_ROLE)
    public HttpResponse<?> uninstall(@PathVariable String id, @Nullable @Body UninstallInstallationRequest body,
                                     Authentication authentication) {
        Optional<InstallationId> parsed = parse(id);
        if (parsed.isEmpty()) {
            return invalidId();
        }
        UninstallReason reason;
        try {
            reason = UninstallReason.orDefault(Optional.ofNullable(body).map(UninstallInstallationRequest::reason));
        } catch (DomainException e) {
            return Problems.response(Problem.of(400, "invalid_reason", "Invalid reason",
                "reason must be 1 to " + UninstallReason.MAX_LENGTH + " characters when given."));
        }
        Optional<InstallationSummary> visible = get.get(Callers.of(authentication).scope(), parsed.get());
        if (visible.isEmpty()) {
            return notFound();
        }
        UninstallResult result = uninstall.uninstall(parsed.get(), reason);
        Optional<InstallationSummary> after = get.get(parsed.get());
        if (result == UninstallResult.NOT_FOUND || after.isEmpty()) {
            return notFound();
        }
        HttpStatus status = result == UninstallResult.QUEUED ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return HttpResponse.status(status).body(InstallationResponse.of(after.get()))
            .header("Cache-Control", "no-store");
    }

    private static Optional<InstallationId> parse(String id) {
        try {
            return Optional.of(InstallationId.parse(id));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static HttpResponse<?> invalidId() {
        return Problems.response(Problem.of(400, "invalid_id", "Invalid id", "Installation ids are UUIDs."));
    }

    private static HttpResponse<?> notFound() {
        return Problems.response(Problem.of(404, "not_found", "No such installation", "No installation has this id."));
    }
}
