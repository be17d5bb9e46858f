package io.accesshub.adapter.http.sso;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.adapter.http.security.Callers;
import io.accesshub.application.port.in.DecryptSsoUseCase;
import io.accesshub.application.port.in.SsoResult;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.shared.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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

/**
 * {@code POST /api/v1/sso/decrypt} ({@code sso:decrypt}), body {@code {"payload": "<base64>"}}, optional
 * {@code ?app=<HighLevel app id>}: decrypts a custom page's SSO payload with the app's shared secret and answers the
 * user context with the installation the key sees. Every payload that does not open, for whatever reason, answers the
 * same 400 {@code invalid_sso_payload} with a constant detail; nothing of the payload is logged.
 */
@Controller("/api/v1/sso")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SsoController {

    /** A payload is a few hundred characters; anything this large is not one. */
    private static final int MAX_BODY_BYTES = 32 * 1024;

    private final DecryptSsoUseCase sso;
    private final JsonMapper json;

    public SsoController(DecryptSsoUseCase sso, JsonMapper json) {
        this.sso = sso;
        this.json = json;
    }

    @Operation(summary = "Decrypt a custom page's SSO payload (HighLevel REQUEST_USER_DATA) into the user context")
    @SecurityRequirement(name = "apiKey")
    @RequestBody(content = @Content(mediaType = "application/json",
        schema = @Schema(implementation = SsoDecryptRequest.class)))
    @ApiResponse(responseCode = "200", description = "the user context and the installation the key sees, or null",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = SsoUserResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid_sso_payload (always the same body), app_required, "
        + "sso_not_configured or invalid_id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post(value = "/decrypt", consumes = MediaType.ALL)
    @Secured(Permission.SSO_DECRYPT_ROLE)
    public MutableHttpResponse<?> decrypt(@Nullable @QueryValue String app, @Nullable @Body byte[] body,
                                          Authentication authentication) {
        Optional<MarketplaceAppId> appId;
        try {
            appId = Optional.ofNullable(app).filter(a -> !a.isBlank()).map(MarketplaceAppId::of);
        } catch (DomainException invalidId) {
            return noStore(Problems.response(Problem.of(400, "invalid_id", "Invalid id",
                "The app is a HighLevel app id (letters, digits, '_', '.').")));
        }
        SsoResult result = sso.decrypt(Callers.of(authentication), appId, payloadIn(body));
        if (result instanceof SsoResult.Decrypted decrypted) {
            return noStore(HttpResponse.ok(SsoUserResponse.of(decrypted)));
        }
        if (result instanceof SsoResult.AppRequired) {
            return noStore(Problems.response(Problem.of(400, "app_required", "App required",
                "Several apps have an SSO secret; name one with ?app=<HighLevel app id>.")));
        }
        if (result instanceof SsoResult.NotConfigured) {
            return noStore(Problems.response(Problem.of(400, "sso_not_configured", "SSO not configured",
                "No configured app with this id has an SSO secret (ACCESSHUB_APPS_<NAME>_SSO_SECRET).")));
        }
        return noStore(Problems.response(invalidPayload()));
    }

    /** The one answer to every payload that does not open; constant, so it tells nothing about why. */
    static Problem invalidPayload() {
        return Problem.of(400, "invalid_sso_payload", "Invalid SSO payload",
            "The payload could not be decrypted with the app's SSO secret.");
    }

    /** The payload in the body, or empty for a body that is not {@code {"payload": "..."}} (then it cannot open). */
    private String payloadIn(@Nullable byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_BODY_BYTES) {
            return "";
        }
        try {
            SsoDecryptRequest request = json.readValue(body, SsoDecryptRequest.class);
            return request == null || request.payload() == null ? "" : request.payload();
        } catch (IOException | RuntimeException malformed) {
            return "";
        }
    }

    private static MutableHttpResponse<?> noStore(MutableHttpResponse<?> response) {
        return response.header("Cache-Control", "no-store");
    }
}
