package io.accesshub.adapter.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.HttpStatusHandler;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.rules.SecurityRule;

/**
 * Routes the errors anybody can cause in volume (a missing or wrong API key, a path without a route, a wrong method)
 * straight to their handlers. Micronaut 4.10 looks an {@code ExceptionHandler} up per error with a qualifier that has
 * no {@code equals}, so the lookup is never cached and scans every bean definition (and evicts the bean context's
 * small candidate cache); a global error route is found by the router first and skips that scan (ADR-41). The answers
 * are the handlers' own, unchanged: {@link AuthorizationProblemHandler} for 401/403 and Micronaut's
 * {@link HttpStatusHandler}, whose bodies {@link FrameworkProblemProcessor} writes, for status errors.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class ProblemErrorRoutes {

    private final AuthorizationProblemHandler authorization;
    private final HttpStatusHandler status;

    ProblemErrorRoutes(AuthorizationProblemHandler authorization, HttpStatusHandler status) {
        this.authorization = authorization;
        this.status = status;
    }

    /** 401 without a valid key, 403 without the permission. */
    @Error(global = true, exception = AuthorizationException.class)
    @Produces({Problem.MEDIA_TYPE, MediaType.ALL})
    public HttpResponse<?> rejected(HttpRequest<?> request, AuthorizationException rejection) {
        return authorization.handle(request, rejection);
    }

    /** 404 without a route, 405 for a wrong method, and every other status the framework raises as an exception. */
    @Error(global = true, exception = HttpStatusException.class)
    @Produces({Problem.MEDIA_TYPE, MediaType.ALL})
    public HttpResponse<?> status(HttpRequest<?> request, HttpStatusException failure) {
        return status.handle(request, failure);
    }
}
