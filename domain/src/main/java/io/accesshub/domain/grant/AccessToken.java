package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.util.Objects;

/** A HighLevel access token (bearer credential); {@link #toString()} never shows the value. */
public record AccessToken(String value) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        DomainException.require(!value.isBlank(), "access token must not be blank");
    }

    public static AccessToken of(String value) {
        return new AccessToken(value);
    }

    @Override
    public String toString() {
        return "AccessToken[redacted]";
    }
}
