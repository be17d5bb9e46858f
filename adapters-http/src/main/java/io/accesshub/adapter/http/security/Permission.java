package io.accesshub.adapter.http.security;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do; the wire names are what configuration and {@code @Secured} use. */
public enum Permission {
    TOKENS_READ("tokens:read"),
    INSTALLATIONS_READ("installations:read"),
    ADMIN("admin");

    /** Role name for {@code @Secured}. */
    public static final String TOKENS_READ_ROLE = "tokens:read";
    /** Role name for {@code @Secured}. */
    public static final String INSTALLATIONS_READ_ROLE = "installations:read";
    /** Role name for {@code @Secured}. */
    public static final String ADMIN_ROLE = "admin";

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The permission with this configuration name, if there is one. */
    public static Optional<Permission> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }
}
