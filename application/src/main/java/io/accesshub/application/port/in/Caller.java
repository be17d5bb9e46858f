package io.accesshub.application.port.in;

import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.Permission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who asks: an authenticated API key (its name, permissions and scope) or code running inside the hub's process.
 *
 * @param name        the key's name, as recorded in the audit
 * @param permissions what it may do
 * @param scope       which tenants it sees
 */
public record Caller(String name, Set<Permission> permissions, AccessScope scope) {

    /** Code that embeds the hub and calls its ports directly: every permission, every tenant. */
    public static final Caller IN_PROCESS = new Caller("in-process", EnumSet.allOf(Permission.class),
        AccessScope.unrestricted());

    public Caller {
        Objects.requireNonNull(name, "name");
        permissions = Set.copyOf(Objects.requireNonNull(permissions, "permissions"));
        Objects.requireNonNull(scope, "scope");
    }

    /** Whether the caller holds this permission. */
    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }
}
