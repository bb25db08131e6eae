package dev.parley.app.storage;

import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.ExportSection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One user's rows in one scope, read and deleted by the {@code PersonalData} stores: every
 * statement is bound to the subject's platform, scope and user, so that none reaches another scope.
 */
record SubjectRows(JdbcClient jdbc) {

    /** {@code sql} with {@code :platform}, {@code :scope} and {@code :user} bound to the subject. */
    JdbcClient.StatementSpec bound(String sql, DataSubject subject) {
        return new ScopeRows(jdbc).bound(sql, subject.scope()).param("user", subject.userId());
    }

    /** The rows of a query, each column by its lower-case name; times as ISO-8601 text. */
    List<Map<String, @Nullable Object>> rows(String sql, DataSubject subject) {
        return bound(sql, subject).query((rs, n) -> row(rs)).list();
    }

    /** The export section {@code name}: the rows of each query in turn, as {@link #rows} reads them. */
    ExportSection section(String name, DataSubject subject, String... queries) {
        List<Map<String, @Nullable Object>> all = new ArrayList<>();
        for (String query : queries) {
            all.addAll(rows(query, subject));
        }
        return new ExportSection(name, all);
    }

    /** How many rows a statement changed. */
    int update(String sql, DataSubject subject) {
        return bound(sql, subject).update();
    }

    private static Map<String, @Nullable Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), switch (value) {
                case null -> null;
                case Timestamp at -> at.toInstant().toString();
                case java.time.OffsetDateTime at -> at.toInstant().toString();
                case java.sql.Date day -> day.toLocalDate().toString();
                case java.time.LocalDate day -> day.toString();
                case String text -> text;
                case Number number -> number;
                case Boolean flag -> flag;
                default -> value.toString();
            });
        }
        return row;
    }
}
