package dev.parley.bench.moderation.corpus;

import dev.parley.bench.moderation.Csv;
import dev.parley.bench.moderation.corpus.LabelledText.Kind;
import dev.parley.core.moderation.Category;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TuPy's own 10,000 Portuguese tweets ({@code tupy_dummy_vote.csv}: 1 when at least 2 of 3
 * annotators marked the column). hate=1 with a group other than {@code political} to hate;
 * hate=1 aimed only at political sides, or aggressive=1 without hate, to harassment; else safe.
 * ({@code tupy_raw_sum.csv} holds the same tweets with vote counts and is not read.)
 */
final class TupySet implements SetReader {

    /** Hate target columns that are protected groups; {@code political} is the one that is not. */
    private static final List<String> GROUPS = List.of("ageism", "aporophobia", "body_shame", "capacitism",
            "lgbtphobia", "racism", "religious_intolerance", "misogyny", "xenophobia", "other");

    @Override
    public String name() {
        return "tupy";
    }

    @Override
    public String language() {
        return "pt";
    }

    @Override
    public Set<Category> categories() {
        return Set.of(Category.HATE, Category.HARASSMENT);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Map<String, String> row : Csv.read(folder.resolve("tupy_dummy_vote.csv")).named()) {
            String text = row.get("text").strip();
            if (text.isEmpty()) {
                continue;
            }
            boolean hate = row.get("hate").equals("1");
            boolean groupTargeted = GROUPS.stream().anyMatch(column -> row.get(column).equals("1"));
            Set<Category> labels = hate && groupTargeted ? Set.of(Category.HATE)
                    : hate || row.get("aggressive").equals("1") ? Set.of(Category.HARASSMENT)
                    : Set.of();
            out.add(new LabelledText(name(), language(), Kind.POST, text, labels, false));
        }
        return out;
    }
}
