package io.accesshub.adapter.persistence.embedded;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.anInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.PersistenceProperties;
import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import io.accesshub.adapter.persistence.crypto.TokenCipherFactory;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.Installation;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The application's restart on the persistent embedded database: data kept, Liquibase applies nothing new. */
class EmbeddedRestartTest {

    private final ScratchDirectories scratch = new ScratchDirectories();

    @AfterEach
    void deleteDirectories() throws Exception {
        scratch.deleteAll();
    }

    @Test
    void installationsAndGrantsSurviveARestartAndLiquibaseRunsCleanlyTwice() throws Exception {
        Path directory = scratch.create("embedded-app-restart");
        Files.createDirectories(directory);
        Path keysetFile = directory.resolve("token-keyset.json");
        Installation installation = anInstallation().build();
        Grant grant = aLocationGrant().forInstallation(installation.id()).build();

        String changelogAfterFirstRun;
        try (EmbeddedMariaDb db = EmbeddedMariaDb.startPersistentWithSharedBinaries(directory);
             ApplicationContext context = ApplicationContext.run(properties(db, keysetFile))) {
            context.getBean(InstallationRepository.class).add(installation);
            context.getBean(GrantRepository.class).add(grant);
            changelogAfterFirstRun = changelog(db);
        }

        try (EmbeddedMariaDb db = EmbeddedMariaDb.startPersistentWithSharedBinaries(directory);
             ApplicationContext context = ApplicationContext.run(properties(db, keysetFile))) {
            assertThat(context.getBean(InstallationRepository.class).findById(installation.id()))
                    .contains(installation);
            assertThat(context.getBean(GrantRepository.class).findByInstallationId(installation.id()))
                    .contains(grant);
            assertThat(changelog(db)).isEqualTo(changelogAfterFirstRun).contains("002-create-token-grant");
        }
        assertThat(TinkKeysets.loadOrCreate(keysetFile)).isNotBlank();
    }

    private static Map<String, Object> properties(EmbeddedMariaDb db, Path keysetFile) {
        Map<String, Object> properties = new HashMap<>(PersistenceProperties.defaults());
        properties.putAll(db.datasourceProperties());
        properties.put(TokenCipherFactory.KEYSET_FILE, keysetFile.toString());
        properties.put(TokenCipherFactory.CREATE_IF_MISSING, "true");
        return properties;
    }

    private static String changelog(EmbeddedMariaDb db) throws Exception {
        StringBuilder rows = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT id, md5sum, orderexecuted FROM DATABASECHANGELOG ORDER BY orderexecuted")) {
            while (result.next()) {
                rows.append(result.getString(1)).append(' ').append(result.getString(2)).append(' ')
                        .append(result.getInt(3)).append('\n');
            }
        }
        return rows.toString();
    }
}
