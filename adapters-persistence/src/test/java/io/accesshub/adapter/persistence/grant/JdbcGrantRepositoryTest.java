package io.accesshub.adapter.persistence.grant;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.GrantMother.aMintedLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.adapter.persistence.crypto.TokenDecryptionException;
import io.accesshub.adapter.persistence.support.PersistenceTestContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.marketplace.CompanyId;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the grant adapter adds beyond the port contract: encryption at rest and lease columns left alone. */
class JdbcGrantRepositoryTest {

    private static ApplicationContext context;
    private static InstallationRepository installations;
    private static GrantRepository grants;

    @BeforeAll
    static void start() {
        context = PersistenceTestContext.start();
        installations = context.getBean(InstallationRepository.class);
        grants = context.getBean(GrantRepository.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void emptyTables() {
        TestDatabase.shared().truncateTables();
    }

    @Test
    void aCiphertextCopiedIntoAnotherGrantRowFailsToDecrypt() throws Exception {
        Installation company = installations.add(aCompanyInstallation().ofCompany(CompanyId.of("companyA")).build());
        Installation location = installations.add(aLocationInstallation().ofCompany(CompanyId.of("companyA")).build());
        grants.add(aLocationGrant().forInstallation(company.id()).build());
        grants.add(aLocationGrant().forInstallation(location.id()).build());

        try (Connection connection = TestDatabase.shared().openConnection();
             PreparedStatement copy = connection.prepareStatement("UPDATE token_grant target"
                     + " JOIN token_grant source ON source.installation_id = ?"
                     + " SET target.access_token_ciphertext = source.access_token_ciphertext"
                     + " WHERE target.installation_id = ?")) {
            copy.setString(1, company.id().toString());
            copy.setString(2, location.id().toString());
            assertThat(copy.executeUpdate()).isEqualTo(1);
        }

        assertThatThrownBy(() -> grants.findByInstallationId(location.id()))
                .isInstanceOf(TokenDecryptionException.class);
        assertThat(grants.findByInstallationId(company.id())).isPresent();
    }

    @Test
    void theAccessCiphertextMovedIntoTheRefreshColumnOfTheSameRowFailsToDecrypt() throws Exception {
        Installation location = installations.add(aLocationInstallation().build());
        grants.add(aLocationGrant().forInstallation(location.id()).build());

        try (Connection connection = TestDatabase.shared().openConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE token_grant SET refresh_token_ciphertext = access_token_ciphertext");
        }

        assertThatThrownBy(() -> grants.findByInstallationId(location.id()))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageContaining("REFRESH");
    }

    @Test
    void aDumpOfEveryColumnOfEveryTableContainsNoPlaintextToken() throws Exception {
        List<Grant> stored = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Installation installation = installations.add(aLocationInstallation().build());
            stored.add(grants.add(aLocationGrant().forInstallation(installation.id()).build()));
        }
        Installation minted = installations.add(aLocationInstallation().build());
        Grant rotated = grants.add(aMintedLocationGrant().forInstallation(minted.id()).build());
        stored.add(grants.update(rotated));

        String dump = dumpEveryColumn();

        assertThat(dump).contains(stored.get(0).installationId().toString());
        for (Grant grant : stored) {
            assertThat(dump).doesNotContain(grant.accessToken().value());
            grant.refreshToken().ifPresent(token -> assertThat(dump).doesNotContain(token.value()));
        }
    }

    @Test
    void anUpdateLeavesTheLeaseColumnsAlone() throws Exception {
        Installation location = installations.add(aLocationInstallation().build());
        Grant grant = grants.add(aLocationGrant().forInstallation(location.id()).build());
        try (Connection connection = TestDatabase.shared().openConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE token_grant SET lease_owner = 'instance-1',"
                    + " lease_until = UTC_TIMESTAMP(6) + INTERVAL 30 SECOND");
        }

        grants.update(grant);

        try (Connection connection = TestDatabase.shared().openConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT lease_owner, version FROM token_grant")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("instance-1");
            assertThat(rows.getLong(2)).isEqualTo(1L);
        }
    }

    @Test
    void aGrantForAnInstallationThatIsNotStoredIsRefused() {
        Grant orphan = aLocationGrant().build();

        assertThatThrownBy(() -> grants.add(orphan)).isInstanceOf(IllegalArgumentException.class);
        assertThat(grants.findByInstallationId(orphan.installationId())).isEmpty();
    }

    private static String dumpEveryColumn() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = TestDatabase.shared().openConnection();
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE()")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM `" + table + "`")) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            byte[] value = rows.getBytes(column);
                            if (value != null) {
                                dump.append(new String(value, StandardCharsets.ISO_8859_1)).append('\n');
                            }
                        }
                    }
                }
            }
        }
        return dump.toString();
    }
}
