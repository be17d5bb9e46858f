package io.accesshub.adapter.http.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys allowed to call the hub, configured as {@code ACCESSHUB_API_KEYS}: entries separated by {@code ;},
 * each {@code name:sha256hex:permission[+permission...]}, e.g.
 * {@code billing:5e88...42:tokens:read+installations:read}. Only hashes are configured; a presented key is hashed and
 * looked up.
 */
@Singleton
public final class ApiKeyRegistry {

    private final Map<String, ApiKey> keysByHash;

    public ApiKeyRegistry(@Value("${accesshub.api.keys:}") String specification) {
        this(parse(specification));
    }

    public ApiKeyRegistry(List<ApiKey> keys) {
        Map<String, ApiKey> byHash = new LinkedHashMap<>();
        for (ApiKey key : keys) {
            if (byHash.putIfAbsent(key.sha256Hex(), key) != null) {
                throw new IllegalArgumentException("API key '" + key.name() + "' repeats the hash of another key");
            }
        }
        this.keysByHash = Map.copyOf(byHash);
    }

    /** The key whose hash matches the presented secret, if any. */
    public Optional<ApiKey> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(keysByHash.get(sha256Hex(presentedKey)));
    }

    /** How many keys are configured. */
    public int size() {
        return keysByHash.size();
    }

    /** SHA-256 of a key as lower-case hex: what an operator puts into configuration. */
    public static String sha256Hex(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static List<ApiKey> parse(String specification) {
        if (specification == null || specification.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(specification.split(";"))
            .map(String::trim)
            .filter(entry -> !entry.isEmpty())
            .map(ApiKeyRegistry::parseEntry)
            .toList();
    }

    private static ApiKey parseEntry(String entry) {
        int firstColon = entry.indexOf(':');
        int secondColon = firstColon < 0 ? -1 : entry.indexOf(':', firstColon + 1);
        if (firstColon <= 0 || secondColon < 0) {
            throw new IllegalArgumentException(
                "an ACCESSHUB_API_KEYS entry must look like name:sha256hex:permission[+permission]");
        }
        String name = entry.substring(0, firstColon).trim();
        String hash = entry.substring(firstColon + 1, secondColon).trim().toLowerCase(java.util.Locale.ROOT);
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String permission : entry.substring(secondColon + 1).split("\\+")) {
            permissions.add(Permission.fromWireName(permission.trim()).orElseThrow(() ->
                new IllegalArgumentException("API key '" + name + "' names an unknown permission '"
                    + permission.trim() + "'; known: tokens:read, installations:read, admin")));
        }
        return new ApiKey(name, hash, permissions);
    }
}
