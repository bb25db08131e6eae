package dev.parley.model.moderation;

import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Llama Guard 3's answer: {@code safe}, or {@code unsafe} and then a line of comma-separated
 * codes ({@code S1,S10}). Blank lines and spaces around them are allowed; anything else (another
 * word, a code it does not list, a missing code line, trailing text) is not an answer.
 */
final class LlamaGuardAnswer {

    private LlamaGuardAnswer() {}

    /** The codes named, empty for {@code safe}; empty optional when the text is not an answer. */
    static Optional<Set<GuardCategory>> parse(String answer) {
        List<String> lines = answer.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String first = lines.getFirst().toLowerCase(Locale.ROOT);
        if (first.equals("safe")) {
            return lines.size() == 1 ? Optional.of(Set.of()) : Optional.empty();
        }
        if (!first.equals("unsafe") || lines.size() != 2) {
            return Optional.empty();
        }
        Set<GuardCategory> codes = new LinkedHashSet<>();
        for (String code : lines.get(1).split(",", -1)) {
            Optional<GuardCategory> category = GuardCategory.fromCode(code.strip().toUpperCase(Locale.ROOT));
            if (category.isEmpty()) {
                return Optional.empty();
            }
            codes.add(category.get());
        }
        return Optional.of(Set.copyOf(codes));
    }

    /** Scores 1.0 for every OpenAI category the codes map to, each with the codes as its reason. */
    static Assessment assessment(Set<GuardCategory> codes) {
        Map<Category, Double> scores = new EnumMap<>(Category.class);
        Map<Category, String> reasons = new EnumMap<>(Category.class);
        for (GuardCategory code : GuardCategory.values()) { // in code order, for stable reasons
            if (!codes.contains(code)) {
                continue;
            }
            for (Category category : code.categories()) {
                scores.put(category, 1.0);
                String named = code.name() + " " + code.title().toLowerCase(Locale.ROOT);
                reasons.merge(category, "guard: Llama Guard " + named, (was, added) -> was + ", " + named);
            }
        }
        return scores.isEmpty() ? Assessment.NONE : new Assessment(CategoryScores.of(scores), reasons);
    }
}
