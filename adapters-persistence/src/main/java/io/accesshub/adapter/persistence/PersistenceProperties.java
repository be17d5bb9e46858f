package io.accesshub.adapter.persistence;

import java.util.Map;

/**
 * Configuration keys the application must set for this adapter, with the values that never vary between
 * environments; the datasource URL, user name and password come from the environment or the embedded launcher.
 */
public final class PersistenceProperties {

    /** Classpath location of the Liquibase master changelog owned by this module. */
    public static final String CHANGELOG = "classpath:db/changelog/db.changelog-master.yaml";
    /** Micronaut Liquibase key pointing the default datasource at {@link #CHANGELOG}. */
    public static final String LIQUIBASE_CHANGELOG_KEY = "liquibase.datasources.default.change-log";
    /** Micronaut Data dialect key of the default datasource. */
    public static final String DIALECT_KEY = "datasources.default.dialect";

    private PersistenceProperties() {
    }

    /** Properties to add to every application context that uses this adapter. */
    public static Map<String, String> defaults() {
        return Map.of(
                LIQUIBASE_CHANGELOG_KEY, CHANGELOG,
                DIALECT_KEY, "MYSQL");
    }
}
