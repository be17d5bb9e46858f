package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.util.Objects;

/** One HighLevel OAuth scope such as {@code contacts.readonly} or {@code oauth.write}; compared exactly. */
public record Scope(String value) implements Comparable<Scope> {

    /** The scope an agency token needs to mint location tokens and to uninstall. */
    public static final Scope OAUTH_WRITE = new Scope("oauth.write");
    /** The scope an agency token needs to list installed locations. */
    public static final Scope OAUTH_READONLY = new Scope("oauth.readonly");

    public Scope {
        Objects.requireNonNull(value, "value");
        DomainException.require(!value.isEmpty(), "scope must not be empty");
        DomainException.require(value.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)),
                "scope must not contain whitespace");
    }

    public static Scope of(String value) {
        return new Scope(value);
    }

    @Override
    public int compareTo(Scope other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
