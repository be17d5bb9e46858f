package io.accesshub.adapter.persistence.support;

import io.micronaut.context.ApplicationContext;

/** One application context on the test database shared by the contract tests of this JVM, closed at JVM exit. */
public final class SharedContext {

    private static ApplicationContext context;

    private SharedContext() {
    }

    /** The shared context, started on first use. */
    public static synchronized ApplicationContext get() {
        if (context == null) {
            context = PersistenceTestContext.start();
            ApplicationContext started = context;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "persistence-test-context-shutdown"));
        }
        return context;
    }

    /** A bean of the shared context. */
    public static <T> T bean(Class<T> type) {
        return get().getBean(type);
    }
}
