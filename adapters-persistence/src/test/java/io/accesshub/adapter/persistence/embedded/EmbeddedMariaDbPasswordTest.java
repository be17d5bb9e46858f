package io.accesshub.adapter.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded server checks passwords on TCP: its generated password is kept per directory and old ones migrate. */
class EmbeddedMariaDbPasswordTest {

    private static final String ROOT_URL_PARAMETERS = "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    private final ScratchDirectories scratch = new ScratchDirectories();

    @AfterEach
    void deleteDirectories() throws Exception {
        scratch.deleteAll();
    }

    @Test
    void aTcpLoginWithoutThePasswordIsRefusedAndThePasswordIsKeptOwnerOnly() throws Exception {
        Path directory = scratch.create("embedded-password");
        try (EmbeddedMariaDb db = EmbeddedMariaDb.startPersistentWithSharedBinaries(directory)) {
            String server = "jdbc:mysql://127.0.0.1:" + db.port() + "/" + ROOT_URL_PARAMETERS;
            for (String user : new String[] {"root", "accesshub", "", "anyone"}) {
                assertThatThrownBy(() -> DriverManager.getConnection(server, user, "").close())
                    .as("password-less login of '%s'", user)
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
            }
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.username(), "wrong").close())
                .isInstanceOf(SQLException.class);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                 Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT CURRENT_USER()")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("accesshub@127.0.0.1");
            }
            Path passwordFile = directory.resolve(EmbeddedMariaDb.PASSWORD_FILE);
            assertThat(Files.readString(passwordFile).trim()).isEqualTo(db.password()).hasSizeGreaterThanOrEqualTo(43);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
            assertThat(directory.resolve("tmp/accesshub-init.sql")).doesNotExist();
        }
    }

    @Test
    void aDataDirectoryWithoutPasswordFromAnOlderVersionGetsOneOnItsFirstStartAndKeepsItsData() throws Exception {
        Path directory = scratch.create("embedded-migrate");
        try (EmbeddedMariaDb old = EmbeddedMariaDb.startPersistentWithSharedBinaries(directory);
             Connection c = DriverManager.getConnection(old.jdbcUrl(), old.username(), old.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE survivor (name VARCHAR(20) PRIMARY KEY)");
            s.execute("INSERT INTO survivor VALUES ('kept')");
            // what an older version left: no hub account, no password file (it ran without grant tables)
            s.execute("DROP USER 'accesshub'@'127.0.0.1'");
        }
        Files.delete(directory.resolve(EmbeddedMariaDb.PASSWORD_FILE));

        try (EmbeddedMariaDb migrated = EmbeddedMariaDb.startPersistentWithSharedBinaries(directory);
             Connection c = DriverManager.getConnection(migrated.jdbcUrl(), migrated.username(), migrated.password());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT name FROM survivor")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
            assertThat(directory.resolve(EmbeddedMariaDb.PASSWORD_FILE)).exists();
            assertThatThrownBy(() -> DriverManager.getConnection(migrated.jdbcUrl(), "accesshub", "").close())
                .isInstanceOf(SQLException.class);
        }
    }
}
