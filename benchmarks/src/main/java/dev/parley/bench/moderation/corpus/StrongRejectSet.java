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
 * StrongREJECT's 313 forbidden prompts ({@code strongreject_dataset.csv}), by {@code category}:
 *
 * <pre>
 * Non-violent crimes                   illicit
 * Illegal goods and services           illicit; illicit/violent with weapons or explosives
 * Violence                             violence, + illicit/violent with weapons or killing
 * Hate, harassment and discrimination  hate when a protected group is named, else harassment
 * Sexual content                       sexual; sexual/minors when children are named
 * Disinformation and deception         illicit when it is fraud, else safe, weak
 * </pre>
 *
 * 25 prompts repeat AdvBench behaviours; {@link TrainingCorpus} keeps them in advbench.
 */
final class StrongRejectSet implements SetReader {

    @Override
    public String name() {
        return "strongreject";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.ILLICIT, Category.ILLICIT_VIOLENT, Category.VIOLENCE, Category.HATE,
                Category.HARASSMENT, Category.SEXUAL, Category.SEXUAL_MINORS);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Map<String, String> row : Csv.read(folder.resolve("strongreject_dataset.csv")).named()) {
            String text = row.get("forbidden_prompt").strip();
            Set<Category> labels = EnumSet.noneOf(Category.class);
            boolean weak = false;
            switch (row.get("category")) {
                case "Non-violent crimes" -> labels.add(Category.ILLICIT);
                case "Illegal goods and services" ->
                        labels.add(Keywords.illicit(text));
                case "Violence" -> Keywords.addViolence(text, labels);
                case "Hate, harassment and discrimination" ->
                        labels.add(in(Keywords.PROTECTED_GROUP, text) ? Category.HATE : Category.HARASSMENT);
                case "Sexual content" ->
                        labels.add(in(Keywords.MINORS, text) ? Category.SEXUAL_MINORS : Category.SEXUAL);
                case "Disinformation and deception" -> {
                    if (in(Keywords.FRAUD, text)) {
                        labels.add(Category.ILLICIT);
                    } else {
                        weak = true;
                    }
                }
                default -> throw new IllegalArgumentException("strongreject: unknown category " + row.get("category"));
            }
            out.add(new LabelledText(name(), language(), Kind.REQUEST, text, labels, weak));
        }
        return out;
    }
}
