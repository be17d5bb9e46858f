package io.accesshub.bootstrap.cli;

import io.accesshub.adapter.persistence.embedded.EmbeddedMariaDb;
import io.accesshub.bootstrap.config.StartupConfiguration;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The hub's database for a command, found as the hub finds it: the configured {@code DATASOURCES_DEFAULT_URL} (with
 * its user name and password), else the embedded MariaDB of {@code ACCESSHUB_DATA_DIR}, started for the command and
 * stopped after it (refused while a running hub holds it).
 */
final class CommandDatabase {

    /** Work done on one connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Supplier<StartupConfiguration> configuration;

    CommandDatabase(Supplier<StartupConfiguration> configuration) {
        this.configuration = configuration;
    }

    <T> T withConnection(Work<T> work) {
        String url;
        String username;
        String password;
        Path dataDirectory;
        try (StartupConfiguration config = configuration.get()) {
            Optional<String> configured = config.value("datasources.default.url");
            url = configured.orElse(null);
            username = config.environment().getProperty("datasources.default.username", String.class).orElse("");
            password = config.environment().getProperty("datasources.default.password", String.class).orElse("");
            dataDirectory = Path.of(config.value("accesshub.data-dir").orElse("data"));
        }
        if (url != null) {
            return run(url, username, password, EmbeddedMariaDb.describeWithoutCredentials(url), work);
        }
        EmbeddedMariaDb embedded;
        try {
            embedded = EmbeddedMariaDb.startPersistent(dataDirectory.resolve("mariadb"));
        } catch (IllegalStateException e) {
            throw new CommandFailure("no DATASOURCES_DEFAULT_URL configured and the embedded database in "
                + dataDirectory.resolve("mariadb") + " cannot be opened: " + e.getMessage());
        }
        try (embedded) {
            return run(embedded.jdbcUrl(), embedded.username(), embedded.password(), "the embedded database", work);
        }
    }

    private static <T> T run(String url, String username, String password, String description, Work<T> work) {
        try (Connection connection = DriverManager.getConnection(url, username, password)) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new CommandFailure("could not query " + description + " (" + e.getClass().getSimpleName()
                + ", SQLState " + e.getSQLState() + ")");
        }
    }
}
