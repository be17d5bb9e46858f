package io.accesshub.domain.marketplace;

import io.accesshub.domain.shared.DomainException;

import java.util.Objects;

/** Shared validation of the opaque identifiers HighLevel issues. */
final class Identifiers {

    static final int MAX_LENGTH = 128;

    private Identifiers() {
    }

    static String requireOpaqueId(String value, String what) {
        Objects.requireNonNull(value, what);
        DomainException.require(!value.isEmpty(), what + " must not be empty");
        DomainException.require(value.length() <= MAX_LENGTH, what + " must be at most " + MAX_LENGTH + " characters");
        DomainException.require(value.chars().allMatch(Identifiers::isIdCharacter),
                what + " may contain only letters, digits, '_', '-' and '.'");
        return value;
    }

    private static boolean isIdCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.';
    }
}
