package io.accesshub.adapter.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Helpers for list queries built from a filter's present conditions: text parameters bound in order, and the count
 * that goes with a page. Conditions are appended as SQL with {@code ?} placeholders, never with values.
 */
public final class FilteredQueries {

    private FilteredQueries() {
    }

    /** Binds {@code parameters} to the statement's first placeholders, in order. */
    public static void bind(PreparedStatement statement, List<String> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setString(i + 1, parameters.get(i));
        }
    }

    /** {@code SELECT COUNT(*)} followed by {@code fromWhere} (a {@code FROM … WHERE …} clause), with its parameters. */
    public static long count(JdbcOperations jdbc, String fromWhere, List<String> parameters) {
        return jdbc.prepareStatement("SELECT COUNT(*)" + fromWhere, ps -> {
            bind(ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
