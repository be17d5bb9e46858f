package io.accesshub.adapter.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbTest {

    private final ScratchDirectories scratch = new ScratchDirectories();

    @AfterEach
    void deleteDirectories() throws Exception {
        scratch.deleteAll();
    }

    @Test
    void dataSurvivesARestartOfAPersistentInstance() throws Exception {
        Path directory = scratch.create("embedded-restart");
        Files.createDirectories(directory);
        try (EmbeddedMariaDb first = EmbeddedMariaDb.startPersistent(directory)) {
            try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE survivor (name VARCHAR(20) PRIMARY KEY)");
                s.execute("INSERT INTO survivor VALUES ('kept')");
            }
        }
        try (EmbeddedMariaDb second = EmbeddedMariaDb.startPersistent(directory)) {
            assertThat(directory.resolve("base")).isDirectory();
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

    @Test
    void aSecondServerOnTheDataOfARunningOneIsRefused() throws Exception {
        Path directory = scratch.create("embedded-in-use");
        try (EmbeddedMariaDb running = EmbeddedMariaDb.startPersistentWithSharedBinaries(directory)) {
            assertThatThrownBy(() -> EmbeddedMariaDb.startPersistentWithSharedBinaries(directory))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
            try (Connection c = DriverManager.getConnection(running.jdbcUrl(), running.username(), running.password());
                 Statement s = c.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue();
            }
        }
    }

    @Test
    void aServerOrphanedByAKilledJvmIsStoppedAndItsDataReused() throws Exception {
        Path directory = scratch.create("embedded-orphan");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedServerInChildJvm.class.getName(), directory.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.startsWith("READY "));
            assertThat(line).as("child JVM output").isNotNull();
            int port = Integer.parseInt(line.substring("READY ".length()).trim());
            try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port
                    + "/accesshub?sslMode=DISABLED", "accesshub",
                    Files.readString(directory.resolve(EmbeddedMariaDb.PASSWORD_FILE)).trim());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE survivor (name VARCHAR(20) PRIMARY KEY)");
                s.execute("INSERT INTO survivor VALUES ('kept')");
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        try (EmbeddedMariaDb restarted = EmbeddedMariaDb.startPersistentWithSharedBinaries(directory);
             Connection c = DriverManager.getConnection(restarted.jdbcUrl(), restarted.username(),
                     restarted.password());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT name FROM survivor")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
    }
}
