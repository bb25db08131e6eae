package dev.parley.bench.moderation.learned;

import dev.parley.bench.moderation.corpus.LabelledText;
import dev.parley.core.moderation.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the examples the Parley team wrote itself ({@code benchmarks/data/authored}): a header, then
 * {@code language<TAB>kind<TAB>labels<TAB>text[<TAB>form]} per line, labels a comma-separated list of
 * category API names or {@code safe}, form {@code plain}, {@code jailbreak} (a request wrapped in
 * role-play, "ignore previous instructions" and the like) or {@code everyday} (a plain, safe, short
 * everyday message that the trainer may keep in a set of its own, {@link #EVERYDAY_SET}).
 */
final class AuthoredExamples {

    /**
     * The set an {@code everyday} row is read into, whatever set the others get: one class only, so
     * Platt scaling leaves it out and its easy negatives do not move the calibration (session 11).
     */
    static final String EVERYDAY_SET = "written-everyday";

    private AuthoredExamples() {
    }

    static List<LabelledText> read(Path tsv, String set) throws IOException {
        return read(tsv, set, false);
    }

    /** The texts of the rows whose form is {@code jailbreak}. */
    static List<LabelledText> jailbreaks(Path tsv, String set) throws IOException {
        return read(tsv, set, true);
    }

    private static List<LabelledText> read(Path tsv, String set, boolean jailbreaksOnly) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        List<LabelledText> out = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length != 4 && columns.length != 5) {
                throw new IOException(tsv + " line " + (i + 1) + ": expected 4 or 5 tab-separated columns");
            }
            String form = columns.length == 5 ? columns[4].strip() : "plain";
            if (!form.equals("plain") && !form.equals("jailbreak") && !form.equals("everyday")) {
                throw new IOException(tsv + " line " + (i + 1) + ": form must be plain, jailbreak or everyday, not " + form);
            }
            boolean jailbreak = form.equals("jailbreak");
            if (jailbreaksOnly && !jailbreak) {
                continue;
            }
            Set<Category> labels = EnumSet.noneOf(Category.class);
            for (String label : columns[2].split(",")) {
                String name = label.strip().toLowerCase(Locale.ROOT);
                if (!name.equals("safe")) {
                    labels.add(Category.fromApiName(name)
                            .orElseThrow(() -> new IOException("unknown category: " + name)));
                }
            }
            LabelledText.Kind kind = columns[1].strip().equalsIgnoreCase("request")
                    ? LabelledText.Kind.REQUEST : LabelledText.Kind.POST;
            if (form.equals("everyday") && !labels.isEmpty()) {
                throw new IOException(tsv + " line " + (i + 1) + ": an everyday row must be safe");
            }
            out.add(new LabelledText(form.equals("everyday") ? EVERYDAY_SET : set, columns[0].strip(), kind,
                    columns[3].strip(), labels, false));
        }
        return out;
    }
}
