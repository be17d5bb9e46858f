package io.accesshub.adapter.http.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers any failure no controller turned into an answer. While the hub's database is unavailable (see
 * {@link DatabaseUnavailability}) that is {@code service_unavailable} 503 with {@code Retry-After}, logged as one WARN
 * line; anything else is a bare {@code internal_error} 500 whose details only the log keeps. No exception message or
 * class name reaches the caller (the hub's exceptions never carry token values).
 */
@Singleton
@Requires(classes = ExceptionHandler.class)
public final class UnexpectedErrorHandler implements ExceptionHandler<Exception, MutableHttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);
    private static final int MAX_LOGGED_MESSAGE = 200;

    private final DatabaseUnavailableConfiguration database;

    public UnexpectedErrorHandler(DatabaseUnavailableConfiguration database) {
        this.database = database;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, Exception exception) {
        Optional<SQLException> outage = DatabaseUnavailability.causeOf(exception);
        if (outage.isPresent()) {
            SQLException cause = outage.get();
            LOG.warn("Database unavailable on {} {}: {} (SQLState {}): {}; answering 503", request.getMethodName(),
                request.getPath(), cause.getClass().getSimpleName(), cause.getSQLState(), firstLine(cause));
            return Problems.response(Problems.serviceUnavailable())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(database.retryAfterSeconds()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        LOG.error("Unexpected failure on {} {}", request.getMethodName(), request.getPath(), exception);
        return Problems.response(Problem.of(500, "internal_error", "Internal error",
            "The hub could not complete the request; it has been logged."));
    }

    /** The first line of the driver's message, bounded: enough to tell a timeout from a refused connection. */
    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end).strip();
        return line.length() <= MAX_LOGGED_MESSAGE ? line : line.substring(0, MAX_LOGGED_MESSAGE) + "…";
    }
}
