package io.accesshub.application.port.out;

import java.util.Objects;

/** A single-use OAuth authorization code from HighLevel's redirect; its value never reaches a log. */
public record AuthorizationCode(String value) {

    public AuthorizationCode {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 2048) {
            throw new IllegalArgumentException("an authorization code is 1 to 2048 characters");
        }
    }

    @Override
    public String toString() {
        return "AuthorizationCode[redacted]";
    }
}
