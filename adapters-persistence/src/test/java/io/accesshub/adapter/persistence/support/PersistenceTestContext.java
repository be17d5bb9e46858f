package io.accesshub.adapter.persistence.support;

import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import io.accesshub.adapter.persistence.crypto.TokenCipherFactory;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.util.Map;

/** Starts Micronaut contexts on the shared test database with a keyset generated once per test JVM. */
public final class PersistenceTestContext {

    /** The token keyset every context of this JVM uses, so rows written by one context decrypt in another. */
    public static final String KEYSET = TinkKeysets.generate();

    private PersistenceTestContext() {
    }

    /** Datasource, Liquibase and keyset properties. */
    public static Map<String, Object> properties() {
        Map<String, Object> properties = TestDatabase.shared().properties();
        properties.put(TokenCipherFactory.KEYSET, KEYSET);
        return properties;
    }

    /** A started context; the caller closes it. */
    public static ApplicationContext start() {
        return ApplicationContext.run(properties());
    }
}
