package dev.parley.bench.moderation.corpus;

import static dev.parley.bench.moderation.corpus.Keywords.in;

import dev.parley.bench.moderation.Csv;
import dev.parley.bench.moderation.corpus.LabelledText.Kind;
import dev.parley.core.moderation.Category;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SemEval-2021 Toxic Spans: 10,629 Civil Comments all sampled from the toxic part
 * ({@code tsd_test.csv}, {@code tsd_train.csv}, {@code tsd_trial.csv}, in that order). Every row is
 * harassment; hate is added when a toxic span names a protected group (the span, not the whole
 * comment, so a comment that only mentions a group is not made hate), and harassment/threatening
 * when the comment holds a threat.
 */
final class ToxicSpansSet implements SetReader {

    private static final List<String> FILES = List.of("tsd_test.csv", "tsd_train.csv", "tsd_trial.csv");

    @Override
    public String name() {
        return "toxic-spans";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.HARASSMENT, Category.HARASSMENT_THREATENING, Category.HATE);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (String file : FILES) {
            for (Map<String, String> row : Csv.read(folder.resolve(file)).named()) {
                String text = row.get("text");
                if (text.isBlank()) {
                    continue;
                }
                Set<Category> labels = EnumSet.of(Category.HARASSMENT);
                if (in(Keywords.PROTECTED_GROUP, spannedText(text, row.get("spans")))) {
                    labels.add(Category.HATE);
                }
                if (in(Keywords.THREAT, text)) {
                    labels.add(Category.HARASSMENT_THREATENING);
                }
                out.add(new LabelledText(name(), language(), Kind.POST, text.strip(), labels, false));
            }
        }
        return out;
    }

    /** The characters at the offsets of {@code spans} (e.g. {@code [3, 4, 5, 9]}), runs joined by spaces. */
    static String spannedText(String text, String spans) {
        StringBuilder out = new StringBuilder();
        int previous = -2;
        for (String offset : spans.replaceAll("[\\[\\]\\s]", "").split(",")) {
            if (offset.isEmpty()) {
                continue;
            }
            int at = Integer.parseInt(offset);
            if (at < 0 || at >= text.length()) {
                continue;
            }
            if (at != previous + 1) {
                out.append(' ');
            }
            out.append(text.charAt(at));
            previous = at;
        }
        return out.toString();
    }
}
