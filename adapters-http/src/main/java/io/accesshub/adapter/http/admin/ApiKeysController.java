package io.accesshub.adapter.http.admin;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.application.port.in.ManageApiKeysUseCase;
import io.accesshub.application.port.in.ManageApiKeysUseCase.CreateOutcome;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.ApiKeyDefinition;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.shared.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/admin/api-keys}: create (the key is shown once), list (never the keys) and revoke API keys. Admin keys
 * are never scoped, so whoever manages keys sees every tenant.
 */
@Controller("/api/v1/admin/api-keys")
@Secured(Permission.ADMIN_ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiKeysController {

    private final ManageApiKeysUseCase keys;

    public ApiKeysController(ManageApiKeysUseCase keys) {
        this.keys = keys;
    }

    @Operation(summary = "Create an API key; the answer shows the key this once")
    @SecurityRequirement(name = "apiKey")
    @Post
    public HttpResponse<?> create(@Body CreateApiKeyRequest request) {
        ApiKeyDefinition definition;
        try {
            definition = definitionOf(request);
        } catch (DomainException | IllegalArgumentException invalid) {
            return invalid(invalid.getMessage());
        }
        CreateOutcome outcome = keys.create(definition);
        if (outcome instanceof CreateOutcome.Created created) {
            return HttpResponse.status(HttpStatus.CREATED)
                .body(ApiKeyResponse.of(created.created().summary(), created.created().key()))
                .header("Cache-Control", "no-store");
        }
        if (outcome instanceof CreateOutcome.NameTaken taken) {
            return Problems.response(Problem.of(409, "name_taken", "Name taken",
                "An API key named '" + taken.name() + "' exists; names are unique."));
        }
        if (outcome instanceof CreateOutcome.UnknownApp unknown) {
            return invalid("'" + unknown.appId() + "' is not one of the hub's apps.");
        }
        return invalid("expiresAt must be in the future.");
    }

    @Operation(summary = "Every API key, revoked ones included; never the keys themselves")
    @SecurityRequirement(name = "apiKey")
    @Get
    public HttpResponse<ApiKeyListResponse> list() {
        return HttpResponse.ok(new ApiKeyListResponse(keys.list().stream().map(k -> ApiKeyResponse.of(k, null))
            .toList())).header("Cache-Control", "no-store");
    }

    @Operation(summary = "Revoke an API key on every instance within seconds")
    @SecurityRequirement(name = "apiKey")
    @Delete("/{id}")
    public HttpResponse<?> revoke(@PathVariable String id) {
        if (id.startsWith("config:")) {
            return Problems.response(Problem.of(409, "configured_key", "Configured key",
                "This key comes from ACCESSHUB_API_KEYS; remove it there and restart the instances."));
        }
        if (!keys.revoke(id)) {
            return Problems.response(Problem.of(404, "not_found", "No such API key", "No API key has this id."));
        }
        return HttpResponse.noContent();
    }

    private static ApiKeyDefinition definitionOf(CreateApiKeyRequest request) {
        if (request.name() == null || request.name().isBlank()) {
            throw new IllegalArgumentException("name is required.");
        }
        if (request.permissions() == null || request.permissions().isEmpty()) {
            throw new IllegalArgumentException("permissions must name at least one of: " + Permission.known() + ".");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : request.permissions()) {
            permissions.add(Permission.fromWireName(name == null ? "" : name.trim()).orElseThrow(() ->
                new IllegalArgumentException("'" + name + "' is not a permission; known: " + Permission.known() + ".")));
        }
        AccessScope scope = new AccessScope(ids(request.apps(), MarketplaceAppId::of),
            ids(request.companies(), CompanyId::of), ids(request.locations(), LocationId::of));
        return new ApiKeyDefinition(request.name().trim(), permissions, scope, expiry(request.expiresAt()));
    }

    private static <T> Set<T> ids(@Nullable List<String> values, Function<String, T> parse) {
        if (values == null) {
            return Set.of();
        }
        if (values.size() > 1_000) {
            throw new IllegalArgumentException("a scope lists at most 1000 ids per kind.");
        }
        return values.stream().map(v -> parse.apply(v == null ? "" : v.trim())).collect(Collectors.toSet());
    }

    private static Optional<Instant> expiry(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiresAt must be an ISO-8601 time with a zone, e.g. "
                + "2027-01-31T00:00:00Z.");
        }
    }

    private static HttpResponse<?> invalid(String detail) {
        return Problems.response(Problem.of(400, "invalid_api_key", "Invalid API key definition", detail));
    }
}
