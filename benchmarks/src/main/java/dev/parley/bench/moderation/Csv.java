package dev.parley.bench.moderation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks) read into rows by header name.
 * Public so that the training-corpus readers in {@code corpus} share this one parser.
 */
public record Csv(List<String> header, List<List<String>> rows) {

    /** Reads the whole file (UTF-8); the first record is the header. */
    public static Csv read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return new Csv(records.getFirst(), records.subList(1, records.size()));
    }

    /** Each row as a map from column name to value. */
    public List<Map<String, String>> named() {
        List<Map<String, String>> out = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            Map<String, String> map = new HashMap<>();
            for (int i = 0; i < header.size() && i < row.size(); i++) {
                map.put(header.get(i), row.get(i));
            }
            out.add(map);
        }
        return out;
    }
}
