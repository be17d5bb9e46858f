package io.accesshub.adapter.http.security;

import io.accesshub.application.port.in.ConfiguredApiKey;
import io.accesshub.domain.access.ApiKeyHash;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.ApiKeyDefinition;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.shared.DomainException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the bootstrap API keys configured as {@code ACCESSHUB_API_KEYS}: entries separated by {@code ;}, each
 * {@code name:sha256hex:permission[+permission...]}, e.g. {@code billing:5e88...42:tokens:read+installations:read}.
 * Only hashes are configured. Configured keys are unscoped; keys limited to tenants are created through the admin API.
 */
public final class ApiKeyRegistry {

    private ApiKeyRegistry() {
    }

    /** The keys of a specification; a malformed entry or an unknown permission fails with a message naming the key. */
    public static List<ConfiguredApiKey> parse(String specification) {
        if (specification == null || specification.isBlank()) {
            return List.of();
        }
        return Arrays.stream(specification.split(";"))
            .map(String::trim)
            .filter(entry -> !entry.isEmpty())
            .map(ApiKeyRegistry::parseEntry)
            .toList();
    }

    /** SHA-256 of a key as lower-case hex: what an operator puts into configuration. */
    public static String sha256Hex(String key) {
        return ApiKeyHash.of(key);
    }

    private static ConfiguredApiKey parseEntry(String entry) {
        int firstColon = entry.indexOf(':');
        int secondColon = firstColon < 0 ? -1 : entry.indexOf(':', firstColon + 1);
        if (firstColon <= 0 || secondColon < 0) {
            throw new IllegalArgumentException(
                "an ACCESSHUB_API_KEYS entry must look like name:sha256hex:permission[+permission]");
        }
        String name = entry.substring(0, firstColon).trim();
        String hash = entry.substring(firstColon + 1, secondColon).trim().toLowerCase(Locale.ROOT);
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("API key '" + name + "' must be configured as 64 hex characters (the "
                + "SHA-256 of the key)");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String permission : entry.substring(secondColon + 1).split("\\+")) {
            Optional<Permission> known = Permission.fromWireName(permission.trim());
            if (known.isEmpty()) {
                throw new IllegalArgumentException("API key '" + name + "' names an unknown permission '"
                    + permission.trim() + "'; known: " + Permission.known());
            }
            permissions.add(known.get());
        }
        try {
            return new ConfiguredApiKey(new ApiKeyDefinition(name, permissions, AccessScope.unrestricted(),
                Optional.empty()), hash);
        } catch (DomainException invalid) {
            throw new IllegalArgumentException("API key '" + name + "': " + invalid.getMessage(), invalid);
        }
    }
}
