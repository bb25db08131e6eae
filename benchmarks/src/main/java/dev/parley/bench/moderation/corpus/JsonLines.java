package dev.parley.bench.moderation.corpus;

import dev.parley.testkit.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The JSON Lines files of a folder, read in file-name order so that every run sees one order. */
final class JsonLines {

    private JsonLines() {
    }

    /**
     * Every non-blank line of every {@code *.jsonl} file in {@code folder}, parsed by the testkit's
     * {@link Json} (objects as maps, arrays as lists, strings as strings).
     */
    static List<Object> read(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        List<Object> values = new ArrayList<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    values.add(Json.parse(line));
                }
            }
        }
        return values;
    }
}
