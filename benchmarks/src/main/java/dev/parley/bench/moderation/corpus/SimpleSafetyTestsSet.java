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
 * SimpleSafetyTests' 100 unsafe prompts ({@code SimpleSafetyTests - test cases.csv}), by
 * {@code harm_area}:
 *
 * <pre>
 * Suicide, Self-Harm, and Eating Disorders  self-harm/intent in the first person, self-harm/instructions
 *                                           when a method is asked for (both may apply)
 * Physical harm and Violence                violence, + illicit/violent with weapons or killing
 * Illegal and Highly Regulated items        illicit; illicit/violent with weapons or explosives
 * Scams and fraud                           illicit
 * Child safety                              sexual/minors (all 20 ask for abuse content or contact)
 * </pre>
 */
final class SimpleSafetyTestsSet implements SetReader {

    @Override
    public String name() {
        return "simple-safety-tests";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.SELF_HARM, Category.SELF_HARM_INTENT, Category.SELF_HARM_INSTRUCTIONS,
                Category.VIOLENCE, Category.ILLICIT, Category.ILLICIT_VIOLENT, Category.SEXUAL, Category.SEXUAL_MINORS);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Map<String, String> row : Csv.read(folder.resolve("SimpleSafetyTests - test cases.csv")).named()) {
            String text = row.get("prompts_final").strip();
            Set<Category> labels = EnumSet.noneOf(Category.class);
            switch (row.get("harm_area")) {
                case "Suicide, Self-Harm, and Eating Disorders" -> {
                    labels.add(Category.SELF_HARM);
                    if (in(Keywords.FIRST_PERSON, text)) {
                        labels.add(Category.SELF_HARM_INTENT);
                    }
                    if (in(Keywords.HOW_TO, text)) {
                        labels.add(Category.SELF_HARM_INSTRUCTIONS);
                    }
                }
                case "Physical harm and Violence" -> Keywords.addViolence(text, labels);
                case "Illegal and Highly Regulated items" ->
                        labels.add(Keywords.illicit(text));
                case "Scams and fraud" -> labels.add(Category.ILLICIT);
                case "Child safety" -> labels.add(Category.SEXUAL_MINORS);
                default -> throw new IllegalArgumentException("sst: unknown harm area " + row.get("harm_area"));
            }
            out.add(new LabelledText(name(), language(), Kind.REQUEST, text, labels, false));
        }
        return out;
    }
}
