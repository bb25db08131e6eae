package dev.parley.bench.moderation.corpus;

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
 * 2,500 comments from Brazilian subreddits ({@code toxicity_br_labeled_data.csv}, column
 * {@code is_toxic}): 1 to harassment, 0 to safe, -1 (annotators disagreed) dropped. The file has no
 * subreddit column, so the r/desabafos venting posts {@code SOURCE.txt} warns about cannot be
 * picked out: some "safe" rows may mention self-harm.
 */
final class RedditBrToxicitySet implements SetReader {

    @Override
    public String name() {
        return "reddit-br-toxicity";
    }

    @Override
    public String language() {
        return "pt";
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.HARASSMENT);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Map<String, String> row : Csv.read(folder.resolve("toxicity_br_labeled_data.csv")).named()) {
            String text = row.get("body").strip();
            String label = row.get("is_toxic");
            if (text.isEmpty() || label.equals("-1")) {
                continue;
            }
            out.add(new LabelledText(name(), language(), Kind.POST, text,
                    label.equals("1") ? EnumSet.of(Category.HARASSMENT) : Set.of(), false));
        }
        return out;
    }
}
