package dev.parley.app.storage;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Finds every stored value equal to a user's id, in every table of the database as its JDBC
 * metadata lists them, so that a table added later is searched too: in tables with
 * {@code platform} and {@code scope_id} columns only the rows of the given scope, in the others
 * every row. Used to show that {@code /forget me} leaves nothing naming the user.
 */
public final class RowsNamingUser {

    private static final Set<Integer> TEXT = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR,
            Types.NCHAR, Types.CLOB);

    private RowsNamingUser() {}

    /** {@code table.column} to how many rows hold {@code userId} there; only the columns that do. */
    public static Map<String, Integer> find(DataSource dataSource, String platform, String scopeId, String userId)
            throws SQLException {
        Map<String, Integer> found = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String table : tables(meta, connection.getSchema())) {
                if (table.toLowerCase(Locale.ROOT).startsWith("flyway_")) {
                    continue;
                }
                List<String> text = new ArrayList<>();
                boolean scoped = false;
                boolean hasPlatform = false;
                try (ResultSet columns = meta.getColumns(null, connection.getSchema(), table, "%")) {
                    while (columns.next()) {
                        String column = columns.getString("COLUMN_NAME");
                        scoped |= column.equalsIgnoreCase("scope_id");
                        hasPlatform |= column.equalsIgnoreCase("platform");
                        if (TEXT.contains(columns.getInt("DATA_TYPE"))) {
                            text.add(column);
                        }
                    }
                }
                for (String column : text) {
                    String sql = "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?"
                            + (scoped && hasPlatform ? " AND platform = ? AND scope_id = ?" : "");
                    try (PreparedStatement count = connection.prepareStatement(sql)) {
                        count.setString(1, userId);
                        if (scoped && hasPlatform) {
                            count.setString(2, platform);
                            count.setString(3, scopeId);
                        }
                        try (ResultSet rs = count.executeQuery()) {
                            rs.next();
                            if (rs.getInt(1) > 0) {
                                found.put((table + "." + column).toLowerCase(Locale.ROOT), rs.getInt(1));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The names of the tables of {@code schema}. */
    public static List<String> tables(DatabaseMetaData meta, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }
}
