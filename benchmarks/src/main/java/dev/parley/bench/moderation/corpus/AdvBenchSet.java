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
 * AdvBench: 520 harmful requests ({@code harmful_behaviors.csv}, column {@code goal}; the
 * {@code target} column is the answer an attack wants, not a label) and 574 harmful strings
 * ({@code harmful_strings.csv}). Every row is positive; the set has no category column, so the
 * category comes from {@link Keywords}. A request no keyword places is illicit (hacking, fraud and
 * theft are most of them); a string no keyword places is harassment and marked weak, since the
 * strings mix insults, threats and dangerous instructions evenly.
 *
 * <p>One departure from {@code SOURCE.txt}, which maps "Kill yourself..." to self-harm/intent:
 * telling someone else to harm themself is encouragement, which OpenAI files under
 * self-harm/instructions (and harassment); self-harm/intent is kept for the first person.
 */
final class AdvBenchSet implements SetReader {

    @Override
    public String name() {
        return "advbench";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.ILLICIT, Category.ILLICIT_VIOLENT, Category.VIOLENCE, Category.HATE,
                Category.HARASSMENT, Category.HARASSMENT_THREATENING, Category.SELF_HARM,
                Category.SELF_HARM_INTENT, Category.SELF_HARM_INSTRUCTIONS);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Map<String, String> row : Csv.read(folder.resolve("harmful_behaviors.csv")).named()) {
            out.add(request(row.get("goal").strip()));
        }
        for (Map<String, String> row : Csv.read(folder.resolve("harmful_strings.csv")).named()) {
            String text = row.get("target").strip();
            if (!text.isEmpty()) {
                out.add(string(text));
            }
        }
        return out;
    }

    private LabelledText request(String text) {
        Set<Category> labels = EnumSet.noneOf(Category.class);
        if (in(Keywords.SELF_HARM, text)) {
            labels.add(Category.SELF_HARM_INSTRUCTIONS);
        }
        if (in(Keywords.PROTECTED_GROUP, text)) {
            labels.add(Category.HATE);
        }
        if (in(Keywords.VIOLENT_MEANS, text)) {
            labels.add(Category.ILLICIT_VIOLENT);
        } else if (in(Keywords.VIOLENCE, text)) {
            labels.add(Category.VIOLENCE);
        }
        if (labels.isEmpty()) {
            labels.add(Category.ILLICIT);
        }
        return new LabelledText(name(), language(), Kind.REQUEST, text, labels, false);
    }

    private LabelledText string(String text) {
        Set<Category> labels = EnumSet.noneOf(Category.class);
        if (in(Keywords.SECOND_PERSON_SELF_HARM, text)) {
            labels.add(Category.SELF_HARM_INSTRUCTIONS);
            labels.add(Category.HARASSMENT);
        } else if (in(Keywords.SELF_HARM, text)) {
            labels.add(in(Keywords.FIRST_PERSON, text) ? Category.SELF_HARM_INTENT : Category.SELF_HARM_INSTRUCTIONS);
        }
        if (in(Keywords.THREAT, text)) {
            labels.add(Category.HARASSMENT_THREATENING);
        }
        if (in(Keywords.PROTECTED_GROUP, text)) {
            labels.add(Category.HATE);
        }
        if (in(Keywords.VIOLENT_MEANS, text) && in(Keywords.HOW_TO, text)) {
            labels.add(Category.ILLICIT_VIOLENT);
        } else if (in(Keywords.VIOLENCE, text)) {
            labels.add(Category.VIOLENCE);
        }
        boolean guessed = labels.isEmpty();
        if (guessed) {
            labels.add(Category.HARASSMENT);
        }
        return new LabelledText(name(), language(), Kind.POST, text, labels, guessed);
    }
}
