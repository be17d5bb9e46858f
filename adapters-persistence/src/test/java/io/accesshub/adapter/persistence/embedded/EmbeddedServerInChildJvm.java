package io.accesshub.adapter.persistence.embedded;

import java.nio.file.Path;

/** Entry point of a child JVM that starts a persistent embedded server and waits to be killed. */
public final class EmbeddedServerInChildJvm {

    private EmbeddedServerInChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedMariaDb db = EmbeddedMariaDb.startPersistentWithSharedBinaries(Path.of(args[0]));
        System.out.println("READY " + db.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
