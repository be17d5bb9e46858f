package io.accesshub.adapter.http.headers;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Adds security headers to every response: {@code X-Content-Type-Options: nosniff}, and a strict
 * {@code Content-Security-Policy} (nothing may load but a page's own inline styles; no script, no frame, no form
 * posting elsewhere), {@code X-Frame-Options: DENY} and {@code Referrer-Policy: no-referrer} (an OAuth callback URL
 * carries the code and state; no page may leak it in a Referer). The last three matter for the HTML pages (install,
 * success and error pages); they are sent on every response because the content type of a page is only known once
 * its body is encoded, and on JSON they cost nothing and forbid nothing the API needs. The console's pages
 * ({@code /console}) get {@code Referrer-Policy: same-origin} instead: with {@code no-referrer} Chromium sends
 * {@code Origin: null} on a form post, which Micronaut refuses (403) for a hub reached as {@code localhost}; the
 * console links nowhere else, so no referrer ever leaves the hub.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class SecurityHeadersFilter implements Ordered {

    /** The policy of the hub's HTML pages: they hold text, links and one inline style block. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", isConsole(request.getPath()) ? "same-origin" : "no-referrer");
    }

    private static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    @Override
    public int getOrder() {
        // Runs last on the way out, after every other filter chose the response.
        return ServerFilterPhase.FIRST.order();
    }
}
