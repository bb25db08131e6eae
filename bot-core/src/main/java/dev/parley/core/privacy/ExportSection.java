package dev.parley.core.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One named part of an export: the rows a store holds about the subject, each a map from field
 * name to a text, number, boolean or null, in the order the store gives them.
 */
public record ExportSection(String name, List<Map<String, @Nullable Object>> rows) {

    public ExportSection {
        Objects.requireNonNull(name, "name");
        rows = rows.stream().map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row))).toList();
        for (Map<String, @Nullable Object> row : rows) {
            row.values().forEach(ExportSection::checkValue);
        }
    }

    private static void checkValue(@Nullable Object value) {
        if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException("an export value must be text, a number, a boolean or null, not "
                    + value.getClass().getSimpleName());
        }
    }
}
