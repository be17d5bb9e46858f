package io.accesshub.domain.access;

import io.accesshub.domain.shared.DomainException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an API key is allowed to do, as an operator defines it: a unique name, at least one permission, an optional
 * scope and an optional expiry. Admin keys are never scoped, because an admin can create keys for any tenant.
 *
 * @param name        unique, 1-64 letters, digits, '.', '_' or '-'
 * @param permissions what the key may do; never empty
 * @param scope       which tenants it sees
 * @param expiresAt   when it stops working, if ever
 */
public record ApiKeyDefinition(String name, Set<Permission> permissions, AccessScope scope,
                               Optional<Instant> expiresAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ApiKeyDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(expiresAt, "expiresAt");
        DomainException.require(NAME.matcher(name).matches(),
            "an API key name is 1-64 letters, digits, '.', '_' or '-'");
        DomainException.require(!permissions.isEmpty(), "an API key needs at least one permission");
        permissions = Set.copyOf(EnumSet.copyOf(permissions));
        DomainException.require(!permissions.contains(Permission.ADMIN) || scope.isUnrestricted(),
            "an admin key cannot be limited to apps, companies or locations: an admin can create keys for any tenant");
        DomainException.require(!permissions.contains(Permission.METRICS_READ) || scope.isUnrestricted(),
            "a metrics:read key cannot be limited to apps, companies or locations: metrics count every tenant");
    }

    /** Whether the key holds this permission. */
    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    /** Whether the key has expired at this instant. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.map(at -> !now.isBefore(at)).orElse(false);
    }
}
