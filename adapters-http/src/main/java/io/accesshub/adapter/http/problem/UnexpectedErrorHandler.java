package io.accesshub.adapter.http.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers any unexpected failure with a bare {@code internal_error} problem: no exception message or class name
 * reaches the caller; the log keeps the details (the hub's exceptions never carry token values).
 */
@Singleton
@Requires(classes = ExceptionHandler.class)
public final class UnexpectedErrorHandler implements ExceptionHandler<Exception, MutableHttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, Exception exception) {
        LOG.error("Unexpected failure on {} {}", request.getMethodName(), request.getPath(), exception);
        return Problems.response(Problem.of(500, "internal_error", "Internal error",
            "The hub could not complete the request; it has been logged."));
    }
}
