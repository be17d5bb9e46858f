package io.accesshub.adapter.http.admin;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.AuditTokenReadsUseCase;
import io.accesshub.application.port.out.TokenReadAuditQuery;
import io.accesshub.application.port.out.TokenReadCount;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * {@code GET /api/v1/admin/audit/token-reads}: which key read which installation's token, counted per minute, newest
 * first; filtered by company, location, key name and a time range ({@code from} inclusive, {@code to} exclusive).
 */
@Controller("/api/v1/admin/audit/token-reads")
@Secured(Permission.ADMIN_ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokenReadAuditController {

    private final AuditTokenReadsUseCase audit;

    public TokenReadAuditController(AuditTokenReadsUseCase audit) {
        this.audit = audit;
    }

    @Operation(summary = "Token reads per key, installation and minute")
    @SecurityRequirement(name = "apiKey")
    @Get
    public HttpResponse<?> find(@Nullable @QueryValue String companyId, @Nullable @QueryValue String locationId,
                                @Nullable @QueryValue String key, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to, @Nullable @QueryValue String offset,
                                @Nullable @QueryValue String limit) {
        TokenReadAuditQuery query;
        try {
            query = new TokenReadAuditQuery(Optional.ofNullable(companyId).map(CompanyId::of),
                Optional.ofNullable(locationId).map(LocationId::of),
                Optional.ofNullable(key).filter(k -> !k.isBlank()), time(from), time(to));
        } catch (RuntimeException e) {
            return Problems.response(Problem.of(400, "invalid_filter", "Invalid filter",
                "companyId and locationId are HighLevel ids; from and to are ISO-8601 times with a zone."));
        }
        int first;
        int size;
        try {
            first = offset == null ? 0 : Integer.parseInt(offset);
            size = limit == null ? 100 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            first = -1;
            size = -1;
        }
        if (first < 0 || size < 1 || size > PageRequest.MAX_LIMIT) {
            return Problems.response(Problem.of(400, "invalid_paging", "Invalid paging",
                "offset must be 0 or more and limit between 1 and " + PageRequest.MAX_LIMIT + "."));
        }
        Page<TokenReadCount> page = audit.find(query, new PageRequest(first, size));
        return HttpResponse.ok(new TokenReadAuditPageResponse(page.items().stream().map(TokenReadCountResponse::of)
            .toList(), page.totalCount(), first, size, page.hasNext())).header("Cache-Control", "no-store");
    }

    private static Optional<Instant> time(@Nullable String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank()).map(v -> OffsetDateTime.parse(v.trim()).toInstant());
    }
}
