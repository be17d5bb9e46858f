package io.accesshub.adapter.persistence.testdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Testcontainers MySQL 8.4; isolated in its own class so a classpath without Testcontainers still works. */
final class MySqlContainerDatabase {

    private MySqlContainerDatabase() {
    }

    /**
     * Whether a Docker engine answers. Asks Testcontainers only when some sign of an engine exists, because its
     * own probing logs errors and takes time on a machine with just the docker CLI.
     */
    static boolean dockerAvailable() {
        if (!anyDockerHint()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean anyDockerHint() {
        if (System.getenv("DOCKER_HOST") != null || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null) {
            return true;
        }
        String home = System.getProperty("user.home");
        Path properties = Path.of(home, ".testcontainers.properties");
        try {
            if (Files.exists(properties) && Files.readString(properties).contains("docker.host")) {
                return true;
            }
        } catch (java.io.IOException e) {
            return true;
        }
        Optional<String> runtimeDir = Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR"));
        return Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".docker", "desktop", "docker.sock"))
                || runtimeDir.map(dir -> Files.exists(Path.of(dir, "docker.sock"))).orElse(false);
    }

    @SuppressWarnings("resource")
    static TestDatabase start() {
        MySQLContainer<?> container = new MySQLContainer<>(DockerImageName.parse("mysql:8.4"))
                .withDatabaseName("accesshub")
                .withUsername("accesshub")
                .withPassword("accesshub")
                .withCommand("--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin",
                        "--default-time-zone=+00:00");
        container.start();
        String url = container.getJdbcUrl();
        url = url + (url.contains("?") ? "&" : "?")
                + "sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC";
        return new TestDatabase("Testcontainers MySQL 8.4", url, container.getUsername(), container.getPassword(),
                container::stop);
    }
}
