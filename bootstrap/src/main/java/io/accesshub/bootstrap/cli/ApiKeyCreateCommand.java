package io.accesshub.bootstrap.cli;

import io.accesshub.application.service.ApiKeyService;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.ApiKeyDefinition;
import io.accesshub.domain.access.ApiKeyHash;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.shared.DomainException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code api-key create --name NAME --permissions P[,P...]}: a new bootstrap API key (256 random bits) on standard
 * output, followed by the {@code ACCESSHUB_API_KEYS} entry that configures it (its SHA-256, never the key). Scoped
 * keys are created at runtime through {@code POST /api/v1/admin/api-keys}.
 */
final class ApiKeyCreateCommand implements Command {

    private static final String NAME = "name";
    private static final String PERMISSIONS = "permissions";
    private final SecureRandom random = new SecureRandom();

    @Override
    public String name() {
        return "api-key create";
    }

    @Override
    public String arguments() {
        return "--name NAME --permissions P[,P...]";
    }

    @Override
    public Set<String> options() {
        return Set.of(NAME, PERMISSIONS);
    }

    @Override
    public String summary() {
        return "a new bootstrap API key on standard output, then its ACCESSHUB_API_KEYS entry (permissions: "
            + Permission.known() + ")";
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) {
        if (!line.positional().isEmpty()) {
            throw new IllegalArgumentException("takes no positional arguments");
        }
        String name = line.option(NAME).orElseThrow(() -> new IllegalArgumentException("--name is required"));
        String listed = line.option(PERMISSIONS)
            .orElseThrow(() -> new IllegalArgumentException("--permissions is required"));
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String wire : listed.split(",")) {
            permissions.add(Permission.fromWireName(wire.trim()).orElseThrow(() -> new IllegalArgumentException(
                "unknown permission '" + wire.trim() + "'; known: " + Permission.known())));
        }
        ApiKeyDefinition definition;
        try {
            definition = new ApiKeyDefinition(name, permissions, AccessScope.unrestricted(), Optional.empty());
        } catch (DomainException invalid) {
            throw new IllegalArgumentException(invalid.getMessage());
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = ApiKeyService.KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String entry = definition.name() + ":" + ApiKeyHash.of(key) + ":" + Arrays.stream(Permission.values())
            .filter(definition::has).map(Permission::wireName).collect(Collectors.joining("+"));
        out.println(key);
        out.println(entry);
        out.flush();
        err.println("Line 1 is the key: hand it to the service and keep it nowhere else. Line 2 goes into"
            + " ACCESSHUB_API_KEYS (entries separated by ';'); restart the instances to apply it.");
        return Commands.OK;
    }
}
