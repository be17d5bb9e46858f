package io.accesshub.domain.installation;

import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;
import java.util.Objects;

/**
 * The opaque reference a SaaS passes to the install link ({@code ?ref=}) and gets back with the finished install, so
 * it can link the install to its logged-in user: 1 to {@value #MAX_LENGTH} characters, no control characters.
 */
public record InstallReference(String value) {

    /** The most characters (Unicode code points) a reference may have. */
    public static final int MAX_LENGTH = 200;

    public InstallReference {
        Objects.requireNonNull(value, "value");
        int length = value.codePointCount(0, value.length());
        if (length == 0 || length > MAX_LENGTH) {
            throw new DomainException(ErrorCode.INVALID_VALUE,
                "install reference must have 1 to " + MAX_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new DomainException(ErrorCode.INVALID_VALUE, "install reference must not contain control characters");
        }
    }

    public static InstallReference of(String value) {
        return new InstallReference(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
