package io.accesshub.application.port.in;

import io.accesshub.domain.access.ApiKeyDefinition;
import java.util.Objects;

/**
 * A bootstrap key from configuration ({@code ACCESSHUB_API_KEYS}): unscoped, never stored, not revocable through the
 * API.
 *
 * @param definition its name and permissions
 * @param sha256Hex  SHA-256 of the key, lower-case hex
 */
public record ConfiguredApiKey(ApiKeyDefinition definition, String sha256Hex) {

    public ConfiguredApiKey {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(sha256Hex, "sha256Hex");
    }
}
