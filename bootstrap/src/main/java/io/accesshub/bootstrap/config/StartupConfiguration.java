package io.accesshub.bootstrap.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.Optional;

/**
 * The hub's configuration as Micronaut will see it (bundled {@code application.yml}, configuration files named by
 * {@code MICRONAUT_CONFIG_FILES} / {@code micronaut.config.files}, {@code application-<env>.yml} of active
 * environments, environment variables, system properties and {@code --key=value} arguments), read before anything
 * starts so that the embedded database and demo mode are decided on every source, not on one environment variable.
 * Only the configuration is loaded: no bean is created.
 */
public final class StartupConfiguration implements AutoCloseable {

    private final Environment environment;

    private StartupConfiguration(Environment environment) {
        this.environment = environment;
    }

    /** Loads every property source Micronaut would load for these command-line arguments. */
    public static StartupConfiguration read(String[] args) {
        Environment environment = ApplicationContext.builder()
            .args(args)
            .banner(false)
            .build()
            .getEnvironment();
        environment.start();
        return new StartupConfiguration(environment);
    }

    /** The value of {@code key} when some source sets it to a non-blank value (placeholders resolved). */
    public Optional<String> value(String key) {
        return environment.getProperty(key, String.class).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** Whether any source sets a property below {@code prefix} (for example {@code accesshub.apps}). */
    public boolean setsAnythingUnder(String prefix) {
        return environment.containsProperties(prefix);
    }

    /** The loaded environment, for commands that need typed properties. */
    public Environment environment() {
        return environment;
    }

    @Override
    public void close() {
        environment.stop();
    }
}
