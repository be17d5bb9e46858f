package io.accesshub.adapter.http.budgets;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.adapter.http.security.Callers;
import io.accesshub.application.port.in.BudgetQuery;
import io.accesshub.application.port.in.ViewBudgetsUseCase;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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

/**
 * {@code GET /api/v1/budgets?companyId=&locationId=}: the shared HighLevel rate budgets of a company and/or a location,
 * per configured app the key sees. A resource outside the key's scope reads exactly like one nobody has drawn on.
 */
@Controller("/api/v1/budgets")
@Secured(Permission.INSTALLATIONS_READ_ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class BudgetsController {

    private final ViewBudgetsUseCase budgets;

    public BudgetsController(ViewBudgetsUseCase budgets) {
        this.budgets = budgets;
    }

    @Operation(summary = "Rate budgets of a company and/or a location: limits, calls counted in the current sliding "
        + "window and today (all instances), the hub's reserve")
    @SecurityRequirement(name = "apiKey")
    @ApiResponse(responseCode = "200", description = "one item per app and resource", content = @Content(
        mediaType = "application/json", schema = @Schema(implementation = BudgetListResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid_budget_query: neither companyId nor locationId, or "
        + "one that is not a HighLevel id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "service_unavailable: the hub's database is unavailable; "
        + "Retry-After in seconds",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get
    public HttpResponse<?> budgets(@Nullable @QueryValue String companyId, @Nullable @QueryValue String locationId,
                                   Authentication authentication) {
        BudgetQuery query;
        try {
            query = new BudgetQuery(Optional.ofNullable(companyId).map(CompanyId::of),
                Optional.ofNullable(locationId).map(LocationId::of));
        } catch (RuntimeException e) {
            return Problems.response(Problem.of(400, "invalid_budget_query", "Invalid budget query",
                "Give companyId, locationId or both: HighLevel ids of at most 64 letters, digits, '_', '-' or '.'."));
        }
        return HttpResponse.ok(new BudgetListResponse(budgets.view(Callers.of(authentication).scope(), query).stream()
            .map(BudgetResponse::of).toList())).header("Cache-Control", "no-store");
    }
}
