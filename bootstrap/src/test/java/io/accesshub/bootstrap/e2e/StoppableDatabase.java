package io.accesshub.bootstrap.e2e;

import io.accesshub.adapter.persistence.embedded.EmbeddedMariaDb;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A database server of a test's own that it can stop and start again on the same port and files (a crash, a
 * fail-over), for the hub's own-database outage tests. Closing it stops the server and deletes its files.
 */
final class StoppableDatabase implements AutoCloseable {

    private final Path directory;
    private final int port;
    private EmbeddedMariaDb server;

    StoppableDatabase() throws IOException {
        this.directory = Files.createTempDirectory("accesshub-outage-");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.server = EmbeddedMariaDb.startPersistent(directory, port);
    }

    /** Hub properties pointing at this server, failing fast (1 s) when it is down. */
    Map<String, Object> hubProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", server.jdbcUrl());
        properties.put("datasources.default.username", server.username());
        properties.put("datasources.default.password", server.password());
        properties.put("datasources.default.connection-timeout", "1000");
        return properties;
    }

    /** The server's port (answers must never reveal it). */
    int port() {
        return port;
    }

    /** Stops the server (the outage begins). */
    void stop() {
        server.close();
        server = null;
    }

    /** Starts it again on the same port and files (the outage ends). */
    void start() {
        server = EmbeddedMariaDb.startPersistent(directory, port);
    }

    /** A connection of the test's own, while the server runs. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
