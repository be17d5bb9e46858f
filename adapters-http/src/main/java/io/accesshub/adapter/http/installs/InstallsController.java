package io.accesshub.adapter.http.installs;

import io.accesshub.adapter.http.security.Callers;
import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.domain.access.Permission;
import io.accesshub.application.port.in.FindInstallByHandleUseCase;
import io.accesshub.application.port.in.FindInstallByHandleUseCase.InstallByHandle;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
 * {@code GET /api/v1/installs/{handle}}: the install a success redirect's {@code accesshub_install} handle names,
 * with the reference the SaaS gave the install link, for 24 hours after the install.
 */
@Controller("/api/v1/installs")
@Secured(Permission.INSTALLATIONS_READ_ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class InstallsController {

    private final FindInstallByHandleUseCase installs;

    public InstallsController(FindInstallByHandleUseCase installs) {
        this.installs = installs;
    }

    @Operation(summary = "The install a success redirect's accesshub_install handle names (24 hours)")
    @SecurityRequirement(name = "apiKey")
    @ApiResponse(responseCode = "200", description = "the install", content = @Content(
        mediaType = "application/json", schema = @Schema(implementation = InstallByHandleResponse.class)))
    @ApiResponse(responseCode = "404", description = "not_found: no such handle (unknown, altered, older than 24 "
        + "hours) or its installation is gone",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "service_unavailable: the hub's database is unavailable; "
        + "Retry-After in seconds",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{handle}")
    public HttpResponse<?> get(@PathVariable String handle, Authentication authentication) {
        Optional<InstallByHandle> found = installs.find(Callers.of(authentication).scope(), handle);
        if (found.isEmpty()) {
            return Problems.response(Problem.of(404, "not_found", "No such install",
                    "No install is known by this handle: it is unknown, altered or older than 24 hours."))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return HttpResponse.ok(InstallByHandleResponse.of(found.get())).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
