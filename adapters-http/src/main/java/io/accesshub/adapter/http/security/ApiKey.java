package io.accesshub.adapter.http.security;

import java.util.Objects;
import java.util.Set;

/**
 * A configured API key: its name (for logs and audit), the SHA-256 of the key and what it may do. The key itself is
 * never configured, stored or logged.
 */
public record ApiKey(String name, String sha256Hex, Set<Permission> permissions) {

    public ApiKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        permissions = Set.copyOf(permissions);
        if (name.isBlank()) {
            throw new IllegalArgumentException("an API key needs a name");
        }
        if (!sha256Hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("API key '" + name + "' must be configured as 64 lower-case hex "
                + "characters (the SHA-256 of the key)");
        }
        if (permissions.isEmpty()) {
            throw new IllegalArgumentException("API key '" + name + "' has no permissions");
        }
    }
}
