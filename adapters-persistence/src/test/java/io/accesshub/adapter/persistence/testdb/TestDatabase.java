package io.accesshub.adapter.persistence.testdb;

import io.accesshub.adapter.persistence.PersistenceProperties;
import io.accesshub.adapter.persistence.embedded.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one database of a test JVM, chosen as: {@code ACCESSHUB_TEST_DB_URL} (with {@code ACCESSHUB_TEST_DB_USERNAME}
 * and {@code ACCESSHUB_TEST_DB_PASSWORD}) when set; else Testcontainers MySQL 8.4 when a Docker engine answers; else
 * a throw-away embedded MariaDB. It is stopped by a JVM shutdown hook.
 *
 * <p>Use with {@code ApplicationContext.run(TestDatabase.shared().properties())} or from a Micronaut test's
 * {@code TestPropertyProvider#getProperties()} returning {@link #testProperties()}; call {@link #truncateTables()}
 * before each test. The properties also point Liquibase at the hub's changelog.
 */
public final class TestDatabase {

    /** Environment variable naming an external test database (JDBC URL). */
    public static final String URL_VARIABLE = "ACCESSHUB_TEST_DB_URL";
    /** Environment variable with the external test database's user name. */
    public static final String USERNAME_VARIABLE = "ACCESSHUB_TEST_DB_USERNAME";
    /** Environment variable with the external test database's password. */
    public static final String PASSWORD_VARIABLE = "ACCESSHUB_TEST_DB_PASSWORD";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static TestDatabase shared;

    private final String description;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final Runnable stopper;

    TestDatabase(String description, String jdbcUrl, String username, String password, Runnable stopper) {
        this.description = description;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.stopper = stopper;
    }

    /** The database of this JVM, started on first use. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            long started = System.nanoTime();
            shared = choose();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.stopper, "test-database-shutdown"));
            LOG.info("Test database: {} ({} ms)", shared.description, (System.nanoTime() - started) / 1_000_000);
        }
        return shared;
    }

    private static TestDatabase choose() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new TestDatabase("external database from " + URL_VARIABLE, url,
                    System.getenv().getOrDefault(USERNAME_VARIABLE, "root"),
                    System.getenv().getOrDefault(PASSWORD_VARIABLE, ""), () -> { });
        }
        if (dockerAvailable()) {
            return MySqlContainerDatabase.start();
        }
        EmbeddedMariaDb embedded = EmbeddedMariaDb.startTemporary();
        return new TestDatabase("embedded MariaDB " + EmbeddedMariaDb.MARIADB_VERSION + " (throw-away, started in "
                + embedded.startupTime().toMillis() + " ms)", embedded.jdbcUrl(), embedded.username(),
                embedded.password(), embedded::close);
    }

    private static boolean dockerAvailable() {
        try {
            return MySqlContainerDatabase.dockerAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Human-readable name of the chosen database. */
    public String description() {
        return description;
    }

    /** JDBC URL (MySQL Connector/J). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** User name. */
    public String username() {
        return username;
    }

    /** Password. */
    public String password() {
        return password;
    }

    /** Micronaut properties: datasource, Liquibase changelog and MySQL dialect, for {@code ApplicationContext.run}. */
    public Map<String, Object> properties() {
        return new HashMap<>(testProperties());
    }

    /** Same as {@link #properties()}, typed for {@code TestPropertyProvider}. */
    public Map<String, String> testProperties() {
        Map<String, String> properties = new LinkedHashMap<>(PersistenceProperties.defaults());
        properties.put("datasources.default.url", jdbcUrl);
        properties.put("datasources.default.username", username);
        properties.put("datasources.default.password", password);
        properties.put("datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver");
        return properties;
    }

    /** Opens a plain JDBC connection; the caller closes it. */
    public Connection openConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    /** Empties every table of the schema except Liquibase's own bookkeeping tables. */
    public void truncateTables() {
        try (Connection connection = openConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    if (!table.toLowerCase(Locale.ROOT).startsWith("databasechangelog")) {
                        tables.add(table);
                    }
                }
            }
            statement.execute("SET FOREIGN_KEY_CHECKS = 0");
            try {
                for (String table : tables) {
                    statement.executeUpdate("DELETE FROM `" + table + "`");
                }
            } finally {
                statement.execute("SET FOREIGN_KEY_CHECKS = 1");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not empty the test database tables", e);
        }
    }
}
