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
 * 500 Reddit users with a clinician's C-SSRS level ({@code 500_Reddit_users_posts_labels.csv}).
 * One row per user: the user's posts (a Python list in {@code Post}) joined with line breaks, then
 * cut to {@link TextLimit#MAX_CHARS} at a word boundary by {@link TrainingCorpus}, so a long
 * history keeps only its first posts. Ideation, Behavior and Attempt to self-harm and
 * self-harm/intent; Indicator to self-harm; Supportive to safe (people supporting others, good hard
 * negatives). Every row is weak: the level describes the user, not each post.
 */
final class RedditCssrsSuicideSet implements SetReader {

    @Override
    public String name() {
        return "reddit-cssrs-suicide";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.SELF_HARM, Category.SELF_HARM_INTENT);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Map<String, String> row : Csv.read(folder.resolve("500_Reddit_users_posts_labels.csv")).named()) {
            String text = String.join("\n", PythonStringList.parse(row.get("Post")).stream()
                    .map(String::strip).filter(post -> !post.isEmpty()).toList());
            if (text.isEmpty()) {
                continue;
            }
            Set<Category> labels = switch (row.get("Label")) {
                case "Ideation", "Behavior", "Attempt" -> EnumSet.of(Category.SELF_HARM_INTENT);
                case "Indicator" -> EnumSet.of(Category.SELF_HARM);
                case "Supportive" -> Set.of();
                default -> throw new IllegalArgumentException("cssrs: unknown level " + row.get("Label"));
            };
            out.add(new LabelledText(name(), language(), Kind.POST, text, labels, true));
        }
        return out;
    }
}
