package io.accesshub.domain.installation;

import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;

import java.util.Objects;
import java.util.UUID;

/**
 * The hub's own identity of an installation, generated outside the domain (an id supplier port) and never reused.
 *
 * <p>Installations are listed in the order of {@link #toString()} (the canonical lowercase UUID form), which equals
 * the unsigned byte order of the 16-byte form, so a database may store either.
 */
public record InstallationId(UUID value) implements Comparable<InstallationId> {

    public InstallationId {
        Objects.requireNonNull(value, "value");
    }

    public static InstallationId of(UUID value) {
        return new InstallationId(value);
    }

    /** Parses the canonical UUID form. */
    public static InstallationId parse(String value) {
        Objects.requireNonNull(value, "value");
        try {
            UUID uuid = UUID.fromString(value);
            if (!uuid.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException("not canonical");
            }
            return new InstallationId(uuid);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_VALUE, "installation id must be a UUID");
        }
    }

    @Override
    public int compareTo(InstallationId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
