package io.accesshub.domain.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do. The wire names are what the admin API, configuration and {@code @Secured} use; every
 * permission the hub knows is listed here once.
 */
public enum Permission {
    /** Read location tokens ({@code GET /api/v1/locations/{id}/access-token}). */
    TOKENS_READ(Permission.TOKENS_READ_ROLE),
    /** Read agency tokens, which can mint every location's token of that agency. */
    COMPANY_TOKENS_READ(Permission.COMPANY_TOKENS_READ_ROLE),
    /** Call HighLevel through the hub's proxy with a location's token (an agency's needs company-tokens:read too). */
    PROXY_USE(Permission.PROXY_USE_ROLE),
    /** Decrypt HighLevel custom-page SSO payloads ({@code POST /api/v1/sso/decrypt}) with an app's shared secret. */
    SSO_DECRYPT(Permission.SSO_DECRYPT_ROLE),
    /** Read installations and install handles, never tokens. */
    INSTALLATIONS_READ(Permission.INSTALLATIONS_READ_ROLE),
    /** Scrape the hub's metrics ({@code GET /metrics}); they span every tenant, so only unscoped keys hold it. */
    METRICS_READ(Permission.METRICS_READ_ROLE),
    /** Operate the hub: API keys, audit, dead letters, health details. Only unscoped keys hold it. */
    ADMIN(Permission.ADMIN_ROLE);

    /** Role name for {@code @Secured}. */
    public static final String TOKENS_READ_ROLE = "tokens:read";
    /** Role name for {@code @Secured}. */
    public static final String COMPANY_TOKENS_READ_ROLE = "company-tokens:read";
    /** Role name for {@code @Secured}. */
    public static final String PROXY_USE_ROLE = "proxy:use";
    /** Role name for {@code @Secured}. */
    public static final String SSO_DECRYPT_ROLE = "sso:decrypt";
    /** Role name for {@code @Secured}. */
    public static final String INSTALLATIONS_READ_ROLE = "installations:read";
    /** Role name for {@code @Secured}. */
    public static final String METRICS_READ_ROLE = "metrics:read";
    /** Role name for {@code @Secured}. */
    public static final String ADMIN_ROLE = "admin";

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire and in configuration, e.g. {@code tokens:read}. */
    public String wireName() {
        return wireName;
    }

    /** The permission with this wire name, if there is one. */
    public static Optional<Permission> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    /** Every wire name, comma-separated, for error messages. */
    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(Permission::wireName).toList());
    }
}
