package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.util.Objects;

/** A HighLevel refresh token: single use, lives up to a year; {@link #toString()} never shows the value. */
public record RefreshToken(String value) {

    public RefreshToken {
        Objects.requireNonNull(value, "value");
        DomainException.require(!value.isBlank(), "refresh token must not be blank");
    }

    public static RefreshToken of(String value) {
        return new RefreshToken(value);
    }

    @Override
    public String toString() {
        return "RefreshToken[redacted]";
    }
}
