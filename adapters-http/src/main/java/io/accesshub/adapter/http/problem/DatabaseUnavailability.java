package io.accesshub.adapter.http.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a failure caused by the hub's database being unreachable from any other failure. The rule looks only at the
 * standard {@code java.sql} types in the cause chain, so it holds whatever the pool, Micronaut Data or the transaction
 * manager wraps them in: a connection the pool could not hand out in time ({@link SQLTransientConnectionException},
 * Hikari's "Connection is not available"), a connection that broke ({@link SQLRecoverableException}, the driver's
 * communications failure), a connection refused ({@link SQLNonTransientConnectionException}), or any
 * {@link SQLException} of SQLState class {@code 08} (connection exception). One pool message counts too: HikariCP closes
 * a connection it saw break and answers any later use of it (a rollback after a commit whose answer was lost) with
 * a plain {@code SQLException("Connection is closed")}, without SQLState.
 */
public final class DatabaseUnavailability {

    /** What HikariCP's stand-in for a connection it closed answers to every call (no SQLState). */
    private static final String POOL_CLOSED_CONNECTION = "Connection is closed";

    /** SQLState class "connection exception" (ISO/IEC 9075, X/Open). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private DatabaseUnavailability() {
    }

    /** The exception in {@code failure}'s cause chain that shows the database unavailable, if there is one. */
    public static Optional<SQLException> causeOf(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && meansUnavailable(sql)) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code failure} was caused by the database being unavailable. */
    public static boolean isUnavailable(Throwable failure) {
        return causeOf(failure).isPresent();
    }

    private static boolean meansUnavailable(SQLException e) {
        return e instanceof SQLTransientConnectionException
            || e instanceof SQLRecoverableException
            || e instanceof SQLNonTransientConnectionException
            || (e.getSQLState() != null && e.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS))
            || (e.getSQLState() == null && POOL_CLOSED_CONNECTION.equals(e.getMessage()));
    }
}
