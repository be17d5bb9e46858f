package io.accesshub.domain.console;

import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.Permission;
import java.util.Set;

/**
 * Who may use the operations console: a key with the {@code admin} permission and no tenant scope (the console shows
 * every tenant). Judged at sign-in and again on every request of a session, so a key that loses either stops working.
 */
public enum ConsoleAdmission {
    /** An unscoped admin key. */
    ADMITTED,
    /** The key is unscoped but lacks the admin permission. */
    NOT_ADMIN,
    /** The key is limited to apps, companies or locations (so it cannot hold admin either). */
    SCOPED;

    /** The admission of a key with these permissions and this scope. */
    public static ConsoleAdmission judge(Set<Permission> permissions, AccessScope scope) {
        if (!scope.isUnrestricted()) {
            return SCOPED;
        }
        return permissions.contains(Permission.ADMIN) ? ADMITTED : NOT_ADMIN;
    }
}
