package io.accesshub.adapter.http.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

/** Test-only endpoints on which the framework itself raises errors (and one HTML page). */
@Requires(property = "probe.enabled", value = "true")
@Controller("/probe")
@Secured(SecurityRule.IS_ANONYMOUS)
public class ProbeEndpoints {

    /** A JSON body. */
    @Serdeable
    record Payload(String name, int size) {
    }

    @Get("/number")
    String number(@QueryValue int n) {
        return "{\"n\":" + n + "}";
    }

    @Post(value = "/json", consumes = MediaType.APPLICATION_JSON)
    Payload json(@Body Payload payload) {
        return payload;
    }

    @Get("/secured")
    @Secured("admin")
    String secured() {
        return "{}";
    }

    @Get(value = "/page", produces = MediaType.TEXT_HTML)
    String page() {
        return "<!doctype html><html><head><style>p{color:red}</style></head><body><p>page</p></body></html>";
    }
}
