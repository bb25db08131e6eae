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
 * HarmBench's 400 behaviours ({@code harmbench_behaviors_text_all.csv}) by {@code SemanticCategory}:
 *
 * <pre>
 * chemical_biological   illicit/violent; illicit when about drugs
 * cybercrime_intrusion  illicit
 * illegal               illicit; illicit/violent with weapons, bombs or killing
 * harassment_bullying   harassment, + hate when a protected group is named
 * harmful               by keyword: self-harm/instructions, hate, violence (violence, weak, when none)
 * misinformation_disinformation  safe, weak (unless hateful, which no column says)
 * copyright             safe (song lyrics and book passages)
 * </pre>
 *
 * A contextual row's message is its {@code ContextString}, a blank line, then the
 * {@code Behavior}; when that is over {@link TextLimit#MAX_CHARS} the context is cut, never the
 * request, since the request is what makes the row harmful.
 */
final class HarmBenchSet implements SetReader {

    @Override
    public String name() {
        return "harmbench";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.ILLICIT, Category.ILLICIT_VIOLENT, Category.HARASSMENT, Category.HATE,
                Category.VIOLENCE, Category.SELF_HARM, Category.SELF_HARM_INSTRUCTIONS);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Map<String, String> row : Csv.read(folder.resolve("harmbench_behaviors_text_all.csv")).named()) {
            String behaviour = row.get("Behavior").strip();
            String context = row.getOrDefault("ContextString", "").strip();
            String text = context.isEmpty() ? behaviour
                    : TextLimit.cut(context, TextLimit.MAX_CHARS - behaviour.length() - 2) + "\n\n" + behaviour;
            Set<Category> labels = EnumSet.noneOf(Category.class);
            boolean weak = false;
            switch (row.get("SemanticCategory")) {
                case "chemical_biological" ->
                        labels.add(in(Keywords.DRUGS, behaviour) ? Category.ILLICIT : Category.ILLICIT_VIOLENT);
                case "cybercrime_intrusion" -> labels.add(Category.ILLICIT);
                case "illegal" ->
                        labels.add(Keywords.illicit(behaviour));
                case "harassment_bullying" -> {
                    labels.add(Category.HARASSMENT);
                    if (in(Keywords.PROTECTED_GROUP, behaviour)) {
                        labels.add(Category.HATE);
                    }
                }
                case "harmful" -> {
                    if (in(Keywords.SELF_HARM, behaviour)) {
                        labels.add(Category.SELF_HARM_INSTRUCTIONS);
                    }
                    if (in(Keywords.PROTECTED_GROUP, behaviour)) {
                        labels.add(Category.HATE);
                    }
                    if (in(Keywords.VIOLENCE, behaviour) || in(Keywords.VIOLENT_MEANS, behaviour)) {
                        labels.add(Category.VIOLENCE);
                    }
                    weak = labels.isEmpty();
                    if (weak) {
                        labels.add(Category.VIOLENCE);
                    }
                }
                case "misinformation_disinformation" -> weak = true;
                case "copyright" -> weak = false;
                default -> throw new IllegalArgumentException("harmbench: unknown category " + row.get("SemanticCategory"));
            }
            out.add(new LabelledText(name(), language(), Kind.REQUEST, text, labels, weak));
        }
        return out;
    }
}
