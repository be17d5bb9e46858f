package io.accesshub.adapter.persistence.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiquibaseChangelogTest {

    @Test
    void theChangelogAppliesOnceAndASecondStartChangesNothing() throws Exception {
        TestDatabase database = TestDatabase.shared();
        try (ApplicationContext ignored = ApplicationContext.run(database.properties())) {
            assertThat(tables(database)).contains("installation");
        }
        List<String> firstRun = appliedChangesets(database);
        try (ApplicationContext ignored = ApplicationContext.run(database.properties())) {
            assertThat(appliedChangesets(database)).isEqualTo(firstRun);
        }
        assertThat(firstRun).contains("001-create-installation");
    }

    @Test
    void noColumnCouldHoldAPlaintextToken() throws Exception {
        TestDatabase database = TestDatabase.shared();
        try (ApplicationContext ignored = ApplicationContext.run(database.properties());
             Connection connection = database.openConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT column_name, data_type FROM information_schema.columns"
                     + " WHERE table_schema = DATABASE() AND LOWER(column_name) LIKE '%token%'")) {
            List<String> tokenColumns = new ArrayList<>();
            while (rows.next()) {
                String name = rows.getString(1).toLowerCase();
                String type = rows.getString(2).toLowerCase();
                assertThat(type).as("type of " + name).doesNotContain("char").doesNotContain("text");
                if (name.endsWith("_ciphertext")) {
                    assertThat(type).as("type of " + name).isIn("blob", "varbinary", "mediumblob");
                    tokenColumns.add(name);
                }
            }
            assertThat(tokenColumns).containsExactlyInAnyOrder("access_token_ciphertext", "refresh_token_ciphertext");
        }
    }

    static List<String> tables(TestDatabase database) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = database.openConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = DATABASE()")) {
            while (rows.next()) {
                names.add(rows.getString(1).toLowerCase());
            }
        }
        return names;
    }

    static List<String> appliedChangesets(TestDatabase database) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = database.openConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, md5sum FROM DATABASECHANGELOG ORDER BY orderexecuted")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
