package io.accesshub.adapter.http.problem;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** Builds {@code application/problem+json} responses. */
public final class Problems {

    private Problems() {
    }

    /** A response carrying the problem with its status and media type. */
    public static MutableHttpResponse<Problem> response(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
            .contentType(Problem.MEDIA_TYPE)
            .body(problem);
    }

    /** 401: no or unknown API key. */
    public static Problem unauthenticated() {
        return Problem.of(401, "unauthenticated", "Authentication required",
            "Present a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key'.");
    }

    /** 503: the hub's own database is unavailable; a fixed text, never the driver's message (SQL, hosts). */
    public static Problem serviceUnavailable() {
        return Problem.of(503, "service_unavailable", "Service unavailable",
            "The hub's database is unavailable right now; retry after the time in Retry-After.");
    }

    /** 403: the key lacks the permission. */
    public static Problem forbidden() {
        return Problem.of(403, "forbidden", "Permission missing",
            "The API key is valid but lacks the permission this endpoint needs.");
    }
}
