package dev.parley.core.privacy;

import dev.parley.core.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes an export as the JSON file the user receives: who, where, when, then one array of rows
 * per section. Hand-written because the core takes no JSON library; values are only text,
 * numbers, booleans and null ({@link ExportSection} checks), so this is all JSON needs.
 */
public final class ExportJson {

    private ExportJson() {}

    /** The file's name: which scope, so that exports of several scopes do not overwrite each other. */
    public static String fileName(DataSubject subject) {
        String scope = subject.scope().scopeId().replaceAll("[^A-Za-z0-9_-]", "_");
        return "parley-export-" + subject.scope().platform().name().toLowerCase(java.util.Locale.ROOT) + "-"
                + scope + ".json";
    }

    /** The export as UTF-8 JSON, indented for reading. */
    public static byte[] write(PersonalDataExport export) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\n");
        field(out, 1, "platform", export.subject().scope().platform().name()).append(",\n");
        field(out, 1, "scope", export.subject().scope().scopeId()).append(",\n");
        field(out, 1, "user", export.subject().userId()).append(",\n");
        field(out, 1, "exported_at", export.madeAt().toString()).append(",\n");
        indent(out, 1).append("\"incomplete\": [");
        for (int i = 0; i < export.unreadable().size(); i++) {
            out.append(i == 0 ? "" : ", ");
            JsonString.append(out, export.unreadable().get(i));
        }
        out.append("],\n");
        indent(out, 1).append("\"sections\": {");
        Iterator<ExportSection> sections = export.sections().iterator();
        while (sections.hasNext()) {
            ExportSection section = sections.next();
            out.append('\n');
            indent(out, 2);
            JsonString.append(out, section.name());
            out.append(": [");
            for (int i = 0; i < section.rows().size(); i++) {
                out.append(i == 0 ? "\n" : ",\n");
                row(out, section.rows().get(i));
            }
            out.append(section.rows().isEmpty() ? "]" : "\n" + "    ]");
            out.append(sections.hasNext() ? "," : "\n  ");
        }
        out.append("}\n}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder out, Map<String, @Nullable Object> row) {
        indent(out, 3).append('{');
        Iterator<Map.Entry<String, @Nullable Object>> fields = row.entrySet().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, @Nullable Object> field = fields.next();
            JsonString.append(out, field.getKey());
            out.append(": ");
            value(out, field.getValue());
            if (fields.hasNext()) {
                out.append(", ");
            }
        }
        out.append('}');
    }

    private static StringBuilder field(StringBuilder out, int depth, String name, String value) {
        indent(out, depth);
        JsonString.append(out, name);
        out.append(": ");
        JsonString.append(out, value);
        return out;
    }

    private static void value(StringBuilder out, @Nullable Object value) {
        switch (value) {
            case null -> out.append("null");
            case String text -> JsonString.append(out, text);
            case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
            case Float f when f.isNaN() || f.isInfinite() -> out.append("null");
            default -> out.append(value);
        }
    }

    private static StringBuilder indent(StringBuilder out, int depth) {
        return out.append("  ".repeat(depth));
    }
}
