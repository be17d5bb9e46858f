package io.accesshub.domain.grant;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A set of scopes, parsed from HighLevel's space-separated form; {@link #toString()} is the canonical form
 * (sorted, single spaces), which is also how scopes are stored.
 */
public record Scopes(Set<Scope> values) {

    private static final Scopes NONE = new Scopes(Set.of());

    public Scopes {
        Objects.requireNonNull(values, "values");
        SortedSet<Scope> sorted = new TreeSet<>();
        values.forEach(s -> sorted.add(Objects.requireNonNull(s, "scope")));
        values = Collections.unmodifiableSortedSet(sorted);
    }

    /** Parses a space-separated list; any run of whitespace separates, duplicates collapse, blank means none. */
    public static Scopes parse(String spaceSeparated) {
        Objects.requireNonNull(spaceSeparated, "spaceSeparated");
        String trimmed = spaceSeparated.strip();
        if (trimmed.isEmpty()) {
            return NONE;
        }
        return new Scopes(Arrays.stream(trimmed.split("\\s+")).map(Scope::new).collect(Collectors.toSet()));
    }

    public static Scopes of(Scope... scopes) {
        return new Scopes(Set.of(scopes));
    }

    public static Scopes none() {
        return NONE;
    }

    /** Whether this set holds the scope. */
    public boolean covers(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        return values.contains(scope);
    }

    /** Whether this set holds every scope of {@code required} (an empty requirement is always covered). */
    public boolean covers(Scopes required) {
        Objects.requireNonNull(required, "required");
        return values.containsAll(required.values);
    }

    /** The scopes of {@code required} this set lacks, in canonical order. */
    public Scopes missingFrom(Scopes required) {
        Objects.requireNonNull(required, "required");
        SortedSet<Scope> missing = new TreeSet<>(required.values);
        missing.removeAll(values);
        return new Scopes(missing);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return values.stream().map(Scope::value).collect(Collectors.joining(" "));
    }
}
