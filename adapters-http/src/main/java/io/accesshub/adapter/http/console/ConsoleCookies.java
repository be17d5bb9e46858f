package io.accesshub.adapter.http.console;

import io.accesshub.adapter.http.proxy.TrustedProxies;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * The console's two cookies, both HttpOnly and {@code SameSite=Strict}: the session (its token) and the sign-in
 * form's browser value. Over HTTPS (the connection's, or {@code X-Forwarded-Proto: https} from a trusted proxy) they
 * are {@code Secure} and named {@code __Host-…}, so no sibling subdomain can plant one; over plain HTTP (local and
 * demo use) they keep their plain names, and a plain cookie is never read from an HTTPS request.
 */
@Singleton
public class ConsoleCookies {

    /** The session cookie's name over plain HTTP. */
    public static final String SESSION = "accesshub_console";
    /** The sign-in form cookie's name over plain HTTP. */
    public static final String SIGN_IN = "accesshub_console_sign_in";
    private static final String SECURE_PREFIX = "__Host-";

    private final TrustedProxies proxies;

    public ConsoleCookies(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /** The session token the browser presented, if any. */
    public Optional<String> session(HttpRequest<?> request) {
        return read(request, SESSION);
    }

    /** The sign-in form value the browser presented, if any. */
    public Optional<String> signIn(HttpRequest<?> request) {
        return read(request, SIGN_IN);
    }

    /** A session cookie (no Max-Age: it ends with the browser; the hub ends it sooner when idle). */
    public Cookie session(HttpRequest<?> request, String token) {
        return cookie(request, SESSION, token);
    }

    /** The sign-in form's cookie, good for {@code lifetime}. */
    public Cookie signIn(HttpRequest<?> request, String value, Duration lifetime) {
        return cookie(request, SIGN_IN, value).maxAge(lifetime);
    }

    /** Deletes the session cookie. */
    public Cookie clearSession(HttpRequest<?> request) {
        return cookie(request, SESSION, "").maxAge(0);
    }

    /** Deletes the sign-in cookie. */
    public Cookie clearSignIn(HttpRequest<?> request) {
        return cookie(request, SIGN_IN, "").maxAge(0);
    }

    private Optional<String> read(HttpRequest<?> request, String name) {
        Optional<Cookie> secure = request.getCookies().findCookie(SECURE_PREFIX + name);
        if (secure.isPresent()) {
            return Optional.of(secure.get().getValue());
        }
        return proxies.isHttps(request) ? Optional.empty()
            : request.getCookies().findCookie(name).map(Cookie::getValue);
    }

    private Cookie cookie(HttpRequest<?> request, String name, String value) {
        boolean https = proxies.isHttps(request);
        return Cookie.of(https ? SECURE_PREFIX + name : name, value)
            .httpOnly(true)
            .secure(https)
            .sameSite(SameSite.Strict)
            .path("/");
    }
}
