package io.accesshub.adapter.http.problem;

import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;

/**
 * Replaces Micronaut's default error bodies ({@code _links}/{@code _embedded} JSON, or an HTML page) with problem
 * details: every error the framework answers itself (no route, wrong method or media type, an argument that is
 * missing or does not convert, unreadable JSON, a body or URI too long, ...) becomes {@code application/problem+json}
 * with a stable {@code code}. Details are fixed texts naming at most the parameter: a presented value is never
 * echoed, as it could be a token.
 */
@Singleton
public final class FrameworkProblemProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        Problem problem = problemFor(response.code(), context.getRootCause());
        return ((MutableHttpResponse<Problem>) response).body(problem).contentType(Problem.MEDIA_TYPE);
    }

    /** The problem for a framework error of this status, refined by its cause where one is known. */
    static Problem problemFor(int status, Optional<Throwable> cause) {
        Throwable root = cause.orElse(null);
        if (root instanceof ConversionErrorException conversion) {
            return Problem.of(status, "invalid_parameter", "Invalid parameter", "The value of '"
                + name(conversion.getArgument()) + "' cannot be read as " + typeName(conversion.getArgument()) + ".");
        }
        if (root instanceof UnsatisfiedRouteException unsatisfied) {
            return missing(status, unsatisfied.getArgument());
        }
        if (root instanceof UnsatisfiedArgumentException unsatisfied) {
            return missing(status, unsatisfied.getArgument());
        }
        if (root instanceof JsonSyntaxException || isJacksonParseError(root)) {
            return Problem.of(status, "malformed_body", "Malformed body", "The request body is not valid JSON.");
        }
        if (root instanceof ContentLengthExceededException) {
            return Problem.of(status, "body_too_large", "Body too large",
                "The request body is larger than this endpoint accepts.");
        }
        return switch (status) {
            case 400 -> Problem.of(status, "bad_request", "Bad request", "The request cannot be read.");
            case 401 -> Problems.unauthenticated();
            case 403 -> Problems.forbidden();
            case 404 -> Problem.of(status, "not_found", "Not found", "No resource at this path.");
            case 405 -> Problem.of(status, "method_not_allowed", "Method not allowed",
                "This path does not accept this HTTP method.");
            case 406 -> Problem.of(status, "not_acceptable", "Not acceptable",
                "This endpoint cannot answer in a media type the Accept header allows.");
            case 413 -> Problem.of(status, "request_too_large", "Request too large",
                "The request line, headers or body exceed what the hub accepts.");
            case 414 -> Problem.of(status, "uri_too_long", "URI too long", "The request URI is longer than accepted.");
            case 415 -> Problem.of(status, "unsupported_media_type", "Unsupported media type",
                "This endpoint does not accept the request's Content-Type.");
            case 500 -> Problem.of(status, "internal_error", "Internal error",
                "The hub could not complete the request; it has been logged.");
            default -> generic(status);
        };
    }

    private static Problem missing(int status, Argument<?> argument) {
        return Problem.of(status, "missing_parameter", "Missing parameter",
            "The required value '" + name(argument) + "' is missing.");
    }

    private static Problem generic(int status) {
        String reason;
        try {
            reason = HttpStatus.valueOf(status).getReason();
        } catch (IllegalArgumentException e) {
            reason = status >= 500 ? "Server error" : "Client error";
        }
        String code = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return Problem.of(status, code, reason, "The request failed: " + reason + ".");
    }

    private static String name(Argument<?> argument) {
        return argument == null ? "?" : argument.getName();
    }

    private static String typeName(Argument<?> argument) {
        if (argument == null) {
            return "the expected type";
        }
        Class<?> type = argument.getType();
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }

    private static boolean isJacksonParseError(Throwable root) {
        for (Class<?> type = root == null ? null : root.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("com.fasterxml.jackson.core.JsonProcessingException")) {
                return true;
            }
        }
        return false;
    }
}
