package io.accesshub.domain.proxy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A path of HighLevel's API a product call may go to, relative to the API base and still percent-encoded as the
 * caller sent it ({@code contacts/search}). Token minting and app (un)installation are the hub's own business, so
 * paths under {@code oauth/} and {@code marketplace/} are refused, as is anything that could leave the API root.
 */
public record ApiPath(String encoded) {

    /** Top-level segments no product call may reach. */
    public static final Set<String> HUB_ONLY = Set.of("oauth", "marketplace");

    public ApiPath {
        Objects.requireNonNull(encoded, "encoded");
    }

    /** Whether a path is callable, and if so the path; refusals say why in words safe to show the caller. */
    public sealed interface Decision {
    }

    /** The path may be called. */
    public record Allowed(ApiPath path) implements Decision {
    }

    /** The path may not be called. */
    public record Refused(String why) implements Decision {
    }

    /** Judges a raw, percent-encoded path (a leading slash is ignored). */
    public static Decision of(String raw) {
        if (raw == null) {
            return new Refused("the path is missing");
        }
        String path = raw.startsWith("/") ? raw.substring(1) : raw;
        if (path.isEmpty()) {
            return new Refused("the path is missing");
        }
        if (path.length() > 2048) {
            return new Refused("the path is longer than 2048 characters");
        }
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.isEmpty() && !last) {
                return new Refused("the path has an empty segment");
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                return new Refused("the path has an invalid percent-encoding");
            }
            if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")
                    || decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return new Refused("the path may not contain '.', '..', encoded slashes or control characters");
            }
            if (i == 0 && HUB_ONLY.contains(decoded.toLowerCase(Locale.ROOT))) {
                return new Refused("paths under " + decoded.toLowerCase(Locale.ROOT)
                    + "/ are the hub's own business");
            }
        }
        if (path.chars().anyMatch(c -> c == '?' || c == '#' || c <= 0x20 || c >= 0x7f)) {
            return new Refused("the path may only hold URL characters");
        }
        return new Allowed(new ApiPath(path));
    }

    /** The first segment, decoded and in lower case ({@code contacts}). */
    public String firstSegment() {
        int slash = encoded.indexOf('/');
        String first = slash < 0 ? encoded : encoded.substring(0, slash);
        return URLDecoder.decode(first.replace("+", "%2B"), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return encoded;
    }
}
