package io.accesshub.adapter.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbTest {

    @Test
    void dataSurvivesARestartOfAPersistentInstance() throws Exception {
        Path directory = Path.of("target", "embedded-restart-" + UUID.randomUUID());
        Files.createDirectories(directory);
        try (EmbeddedMariaDb first = EmbeddedMariaDb.startPersistent(directory)) {
            try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE survivor (name VARCHAR(20) PRIMARY KEY)");
                s.execute("INSERT INTO survivor VALUES ('kept')");
            }
        }
        try (EmbeddedMariaDb second = EmbeddedMariaDb.startPersistent(directory)) {
            try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
                 Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT name, @@version, @@time_zone FROM survivor")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
                assertThat(rows.getString(2)).startsWith("11.4");
                assertThat(rows.getString(3)).isEqualTo("+00:00");
            }
            assertThat(second.datasourceProperties()).containsEntry("datasources.default.url", second.jdbcUrl());
        }
    }
}
