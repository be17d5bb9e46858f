package io.accesshub.adapter.http.security;

import io.accesshub.application.port.in.AuthenticateApiKeyUseCase;
import io.accesshub.application.port.in.Caller;
import io.accesshub.domain.access.Permission;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Authenticates a request by its API key, presented as {@code Authorization: Bearer <key>} or {@code X-API-Key}.
 * The authentication's roles are the key's permissions, so endpoints declare {@code @Secured("tokens:read")}; the
 * {@link Caller} (name, permissions, scope) travels as an attribute, read with {@link Callers#of}.
 */
@Singleton
public final class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    /** Alternative header for clients that cannot set {@code Authorization}. */
    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final AuthenticateApiKeyUseCase keys;

    public ApiKeyAuthenticationFetcher(AuthenticateApiKeyUseCase keys) {
        this.keys = keys;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        return presentedKey(request)
            .flatMap(keys::authenticate)
            .map(caller -> Authentication.build(caller.name(),
                caller.permissions().stream().map(Permission::wireName).toList(),
                Map.<String, Object>of(Callers.ATTRIBUTE, caller)))
            .map(Publishers::just)
            .orElseGet(Publishers::empty);
    }

    private static Optional<String> presentedKey(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().get(API_KEY_HEADER, String.class);
        if (header.isPresent()) {
            return header;
        }
        return request.getHeaders().getAuthorization()
            .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
            .map(value -> value.substring(BEARER.length()).trim());
    }
}
