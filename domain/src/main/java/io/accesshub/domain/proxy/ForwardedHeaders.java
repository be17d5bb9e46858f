package io.accesshub.domain.proxy;

import java.util.Locale;
import java.util.Set;

/**
 * Which headers cross the hub on a product call. Towards HighLevel: none that is hop-by-hop (RFC 9110 7.6.1, and
 * any the caller's {@code Connection} names), none that authenticates the caller to the hub ({@code Authorization},
 * {@code X-API-Key}, cookies), none of the hub's own ({@code X-AccessHub-*}) and none the client sets itself.
 * Back to the caller: content headers, HighLevel's budget headers and its trace id.
 */
public final class ForwardedHeaders {

    private static final Set<String> NEVER_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
        "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
        "content-length", "authorization", "x-api-key", "cookie", "forwarded", "x-forwarded-for",
        "x-forwarded-host", "x-forwarded-proto", "x-real-ip", "expect", "accept-encoding");

    private static final Set<String> RETURNED = Set.of("content-type", "content-language", "content-disposition",
        "etag", "last-modified", "retry-after", "x-ratelimit-max", "x-ratelimit-remaining",
        "x-ratelimit-interval-milliseconds", "x-ratelimit-limit-daily", "x-ratelimit-daily-remaining",
        "traceid", "x-trace-id");

    private ForwardedHeaders() {
    }

    /** Whether a caller's request header goes on to HighLevel; {@code connectionTokens} are those its Connection names. */
    public static boolean towardsHighLevel(String name, Set<String> connectionTokens) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !NEVER_FORWARDED.contains(lower) && !lower.startsWith("x-accesshub-")
            && !connectionTokens.contains(lower) && !lower.startsWith(":");
    }

    /** Whether a HighLevel answer header goes back to the caller. */
    public static boolean backToCaller(String name) {
        return RETURNED.contains(name.toLowerCase(Locale.ROOT));
    }
}
