package io.accesshub.adapter.http.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/** Answers security rejections as problem details: 401 without a valid key, 403 without the permission. */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public final class AuthorizationProblemHandler
    implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        Problem problem = exception.isForbidden() ? Problems.forbidden() : Problems.unauthenticated();
        MutableHttpResponse<Problem> response = Problems.response(problem);
        if (!exception.isForbidden()) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response;
    }
}
