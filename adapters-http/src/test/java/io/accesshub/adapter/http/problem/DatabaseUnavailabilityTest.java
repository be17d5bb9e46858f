package io.accesshub.adapter.http.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseUnavailabilityTest {

    /** What the pool, Micronaut Data and the transaction manager wrap driver failures in: any exception with a cause. */
    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("Failed to obtain a connection", new IllegalStateException("in a transaction",
            cause));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
            Arguments.of("the pool timed out handing out a connection", new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 1000ms."), true),
            Arguments.of("a pool timeout wrapped twice", wrapped(new SQLTransientConnectionException("timed out")),
                true),
            Arguments.of("a connection that broke", new SQLRecoverableException("Communications link failure"), true),
            Arguments.of("a broken connection wrapped", wrapped(new SQLRecoverableException("link failure")), true),
            Arguments.of("a connection refused", wrapped(new SQLNonTransientConnectionException("refused")), true),
            Arguments.of("SQLState 08S01 (communication link failure)", wrapped(new SQLException("lost", "08S01")),
                true),
            Arguments.of("SQLState 08001 (unable to connect)", new SQLException("cannot connect", "08001"), true),
            Arguments.of("SQLState 08 class on a subtype", wrapped(new SQLTimeoutException("gone", "08003")), true),
            Arguments.of("a connection the pool closed after it broke (HikariCP, no SQLState)",
                wrapped(new SQLException("Connection is closed")), true),
            Arguments.of("another message without SQLState that mentions closing",
                wrapped(new SQLException("Connection is closed by the application")), false),
            Arguments.of("a plain IllegalStateException", new IllegalStateException("boom"), false),
            Arguments.of("an IllegalStateException with a non-SQL cause",
                new IllegalStateException("boom", new UncheckedIOException(new java.io.IOException("disk"))), false),
            Arguments.of("a duplicate key (SQLState 23000)", wrapped(new SQLIntegrityConstraintViolationException(
                "Duplicate entry", "23000")), false),
            Arguments.of("a syntax error (SQLState 42000)", wrapped(new SQLSyntaxErrorException("bad", "42000")),
                false),
            Arguments.of("an SQLException without SQLState", wrapped(new SQLException("no state")), false),
            Arguments.of("a query timeout without state", new SQLTimeoutException("statement timeout"), false));
    }

    @ParameterizedTest(name = "{0} -> unavailable: {2}")
    @MethodSource("failures")
    void theCauseChainDecidesWhetherTheDatabaseIsUnavailable(String failure, Throwable exception, boolean unavailable) {
        assertThat(DatabaseUnavailability.isUnavailable(exception)).as(failure).isEqualTo(unavailable);
    }

    @Test
    void theFoundCauseIsTheSqlExceptionThatSaysSo() {
        SQLTransientConnectionException timeout = new SQLTransientConnectionException("timed out");

        assertThat(DatabaseUnavailability.causeOf(wrapped(timeout))).containsSame(timeout);
    }

    @Test
    void aCyclicCauseChainEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(DatabaseUnavailability.isUnavailable(first)).isFalse();
    }
}
