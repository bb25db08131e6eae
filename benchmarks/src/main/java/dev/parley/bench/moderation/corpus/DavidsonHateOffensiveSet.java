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
 * Davidson et al.'s 24,783 tweets ({@code labeled_data.csv}, majority {@code class}): 0 hate speech
 * to hate, plus harassment when the tweet addresses someone (starts with {@code @}); 1 offensive
 * language to harassment, weak, since much of it is casual profanity OpenAI does not flag;
 * 2 neither to safe.
 */
final class DavidsonHateOffensiveSet implements SetReader {

    @Override
    public String name() {
        return "davidson-hate-offensive";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.HATE, Category.HARASSMENT);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Map<String, String> row : Csv.read(folder.resolve("labeled_data.csv")).named()) {
            String text = row.get("tweet").strip();
            if (text.isEmpty()) {
                continue;
            }
            LabelledText labelled = switch (row.get("class")) {
                case "0" -> new LabelledText(name(), language(), Kind.POST, text, text.startsWith("@")
                        ? EnumSet.of(Category.HATE, Category.HARASSMENT) : EnumSet.of(Category.HATE), false);
                case "1" -> new LabelledText(name(), language(), Kind.POST, text, EnumSet.of(Category.HARASSMENT), true);
                case "2" -> new LabelledText(name(), language(), Kind.POST, text, Set.of(), false);
                default -> throw new IllegalArgumentException("davidson: unknown class " + row.get("class"));
            };
            out.add(labelled);
        }
        return out;
    }
}
