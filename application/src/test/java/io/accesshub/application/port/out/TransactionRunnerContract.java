package io.accesshub.application.port.out;

import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.Installation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.anInstallation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link TransactionRunner} must show with the repositories it guards: commit on return,
 * roll back everything on an exception (which propagates unchanged), nested calls join. Subclass it and implement
 * the three factory methods so they share one store.
 */
public abstract class TransactionRunnerContract {

    protected TransactionRunner transactions;
    protected InstallationRepository installations;
    protected GrantRepository grants;

    /** The runner under test; called before each test. */
    protected abstract TransactionRunner newTransactionRunner();

    /** An installation repository taking part in the runner's transactions. */
    protected abstract InstallationRepository installationRepository();

    /** A grant repository taking part in the runner's transactions. */
    protected abstract GrantRepository grantRepository();

    @BeforeEach
    void setUpTransactions() {
        installations = installationRepository();
        grants = grantRepository();
        transactions = newTransactionRunner();
    }

    @Test
    void workThatReturnsIsCommittedAndItsResultReturned() {
        Installation installation = anInstallation().build();
        Grant grant = aLocationGrant().forInstallation(installation.id()).build();

        Grant result = transactions.inTransaction(() -> {
            installations.add(installation);
            return grants.add(grant);
        });

        assertThat(result).isEqualTo(grant);
        assertThat(installations.findById(installation.id())).contains(installation);
        assertThat(grants.findByInstallationId(installation.id())).contains(grant);
    }

    @Test
    void workThatThrowsLeavesNoTraceAndTheExceptionPropagatesUnchanged() {
        Installation installation = anInstallation().build();
        Grant grant = aLocationGrant().forInstallation(installation.id()).build();
        IllegalStateException failure = new IllegalStateException("boom after both writes");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            installations.add(installation);
            grants.add(grant);
            throw failure;
        })).isSameAs(failure);

        assertThat(installations.findById(installation.id())).isEmpty();
        assertThat(grants.findByInstallationId(installation.id())).isEmpty();
    }

    @Test
    void anUpdateRolledBackLeavesTheStoredVersion() {
        Installation stored = installations.add(anInstallation().build());
        RuntimeException failure = new RuntimeException("late failure");

        assertThatThrownBy(() -> transactions.runInTransaction(() -> {
            installations.update(stored.markNeedsReauth(
                    io.accesshub.domain.installation.StateReason.REFRESH_TOKEN_REJECTED,
                    io.accesshub.application.testdata.TestTimes.NOW));
            throw failure;
        })).isSameAs(failure);

        assertThat(installations.findById(stored.id())).contains(stored);
    }

    @Test
    void aNestedCallJoinsTheOuterTransactionAndRollsBackWithIt() {
        Installation outer = anInstallation().build();
        Installation inner = anInstallation().build();
        RuntimeException failure = new RuntimeException("outer fails after inner returned");

        assertThatThrownBy(() -> transactions.runInTransaction(() -> {
            installations.add(outer);
            transactions.inTransaction(() -> installations.add(inner));
            throw failure;
        })).isSameAs(failure);

        assertThat(installations.findById(outer.id())).isEmpty();
        assertThat(installations.findById(inner.id())).isEmpty();
    }

    @Test
    void runInTransactionCommitsWorkWithoutResult() {
        Installation installation = anInstallation().build();

        transactions.runInTransaction(() -> installations.add(installation));

        assertThat(installations.findById(installation.id())).contains(installation);
    }

    @Test
    void aPortExceptionInsideTheWorkPropagatesAsItself() {
        Installation installation = installations.add(anInstallation().build());

        assertThatThrownBy(() -> transactions.inTransaction(() -> installations.add(installation)))
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(installations.findById(installation.id())).contains(installation);
    }
}
