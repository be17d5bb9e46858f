package io.accesshub.domain.proxy;

import io.accesshub.domain.shared.DomainException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code Version} header HighLevel expects for a path: {@code 2021-07-28} for most of the API, {@code 2021-04-15}
 * for calendars, conversations and saas (both configurable, as HighLevel adds versions); a caller's own wins.
 */
public record ApiVersions(String current, String older, Set<String> olderSegments) {

    /** What HighLevel documents today. */
    public static final ApiVersions DEFAULT = new ApiVersions("2021-07-28", "2021-04-15",
        Set.of("calendars", "conversations", "saas"));

    public ApiVersions {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(older, "older");
        DomainException.require(!current.isBlank() && !older.isBlank(), "API versions must not be blank");
        olderSegments = Set.copyOf(olderSegments.stream().map(s -> s.toLowerCase(Locale.ROOT).trim())
            .filter(s -> !s.isEmpty()).collect(Collectors.toSet()));
    }

    /** The version to send for {@code path}: the caller's when it sent one, else the path's. */
    public String versionFor(ApiPath path, Optional<String> callers) {
        return callers.filter(v -> !v.isBlank()).orElseGet(() ->
            olderSegments.contains(path.firstSegment()) ? older : current);
    }
}
