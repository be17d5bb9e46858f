package io.accesshub.adapter.persistence.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the stored ciphertexts a keyset key still decrypts: rows of every binary column of the hub's schema
 * ({@code token_grant}'s access and refresh token ciphertexts, and any encrypted column added later) whose first bytes
 * are the key's Tink prefix (a version byte and the 4-byte key id). Plain JDBC, for the {@code keyset retire} command.
 * A column holding other binary data could only make the count too high, never too low: retiring stays refused.
 */
public final class KeyUsage {

    private static final Set<String> BINARY_TYPES =
            Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");

    private KeyUsage() {
    }

    /** A binary column of the schema. */
    public record Column(String table, String column) {

        @Override
        public String toString() {
            return table + "." + column;
        }
    }

    /**
     * How many rows of each binary column start with {@code prefix}; columns without such rows are left out.
     *
     * @param connection a connection to the hub's schema (its current database)
     * @param prefix     the key's ciphertext prefix, see {@link TinkKeysets.KeyInfo#ciphertextPrefix()}; not empty
     */
    public static Map<Column, Long> rowsStartingWith(Connection connection, byte[] prefix) throws SQLException {
        if (prefix.length == 0) {
            throw new IllegalArgumentException("a key without ciphertext prefix (RAW) cannot be traced to rows");
        }
        Map<Column, Long> counts = new LinkedHashMap<>();
        for (Column column : binaryColumns(connection)) {
            String sql = "SELECT COUNT(*) FROM `" + column.table() + "` WHERE SUBSTRING(`" + column.column() + "`, 1, "
                    + prefix.length + ") = ?";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setBytes(1, prefix);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    long count = rows.getLong(1);
                    if (count > 0) {
                        counts.put(column, count);
                    }
                }
            }
        }
        return counts;
    }

    /** Every binary column of the connection's current schema, Liquibase's bookkeeping tables excluded. */
    public static List<Column> binaryColumns(Connection connection) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.table_name, c.column_name,"
                + " c.data_type FROM information_schema.columns c JOIN information_schema.tables t"
                + " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                + " WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'"
                + " ORDER BY c.table_name, c.ordinal_position");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String table = rows.getString(1);
                if (BINARY_TYPES.contains(rows.getString(3).toLowerCase(java.util.Locale.ROOT))
                        && !table.toLowerCase(java.util.Locale.ROOT).startsWith("databasechangelog")) {
                    columns.add(new Column(table, rows.getString(2)));
                }
            }
        }
        return columns;
    }
}
