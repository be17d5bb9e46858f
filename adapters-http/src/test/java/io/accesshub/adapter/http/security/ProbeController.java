package io.accesshub.adapter.http.security;

import io.accesshub.domain.access.Permission;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import java.security.Principal;

/** A test-only endpoint guarded by one permission. */
@Requires(property = "probe.enabled", value = "true")
@Controller("/probe")
class ProbeController {

    @Get
    @Secured(Permission.TOKENS_READ_ROLE)
    String whoAmI(Principal principal) {
        return principal.getName();
    }
}
