package io.accesshub.adapter.http;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Title and security scheme of the OpenAPI document generated from the controllers at compile time; the hub serves it
 * at {@code /openapi/accesshub-api-v1.yml}.
 */
@OpenAPIDefinition(info = @Info(title = "accesshub-api", version = "v1",
    description = "GHL Access Hub: HighLevel install flow, token API and installation API."))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer", in = SecuritySchemeIn.HEADER,
    description = "An API key configured (as its SHA-256) in ACCESSHUB_API_KEYS.")
public final class ApiDocumentation {

    private ApiDocumentation() {
    }
}
