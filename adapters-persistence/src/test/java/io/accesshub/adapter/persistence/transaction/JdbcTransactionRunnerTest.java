package io.accesshub.adapter.persistence.transaction;

import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.adapter.persistence.support.PersistenceTestContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.domain.installation.Installation;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcTransactionRunnerTest {

    private static ApplicationContext context;
    private static TransactionRunner transactions;
    private static InstallationRepository installations;

    @BeforeAll
    static void start() {
        context = PersistenceTestContext.start();
        transactions = context.getBean(TransactionRunner.class);
        installations = context.getBean(InstallationRepository.class);
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
    void workThatThrowsIsRolledBackAndTheExceptionPropagatesUnchanged() {
        Installation first = aCompanyInstallation().build();
        Installation second = aLocationInstallation().build();
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> transactions.runInTransaction(() -> {
            installations.add(first);
            installations.add(second);
            throw failure;
        })).isSameAs(failure);

        assertThat(installations.findById(first.id())).isEmpty();
        assertThat(installations.findById(second.id())).isEmpty();
    }

    @Test
    void workThatReturnsIsCommitted() {
        Installation installation = aCompanyInstallation().build();

        Installation stored = transactions.inTransaction(() -> installations.add(installation));

        assertThat(stored).isEqualTo(installation);
        assertThat(installations.findById(installation.id())).contains(installation);
    }

    @Test
    void anInnerCallJoinsTheOuterTransactionAndRollsBackWithIt() {
        Installation inner = aCompanyInstallation().build();
        RuntimeException failure = new RuntimeException("outer fails after the inner call returned");

        assertThatThrownBy(() -> transactions.runInTransaction(() -> {
            transactions.runInTransaction(() -> installations.add(inner));
            assertThat(installations.findById(inner.id())).isPresent();
            throw failure;
        })).isSameAs(failure);

        assertThat(installations.findById(inner.id())).isEmpty();
    }
}
