package dev.parley.model.moderation;

import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Qwen3Guard-Gen's answer: {@code Safety: Safe|Unsafe|Controversial}, then
 * {@code Categories: None} or a comma-separated list of its category names, then for a reply
 * {@code Refusal: Yes|No}. Blank lines, case and spaces around the parts are allowed; anything
 * else is not an answer: another word, a category it does not list, a missing categories line,
 * trailing text, or a verdict that contradicts its categories ({@code Safe} naming one, or
 * {@code Unsafe} or {@code Controversial} naming none). The refusal line is accepted and ignored:
 * whether a reply refuses does not make it safer or less safe.
 *
 * <p>Scores: {@code Unsafe} gives 1.0 to every OpenAI category its categories map to
 * ({@link Qwen3GuardCategory}); {@code Controversial} gives {@value #CONTROVERSIAL_SCORE}, below
 * the default threshold of 0.5 and above the default {@code unsure-from} of 0.2: by default a
 * controversial text is left alone (Qwen's "loose" reading), and a scope that wants the "strict"
 * reading lowers that category's threshold to {@value #CONTROVERSIAL_SCORE} or below.
 */
final class Qwen3GuardAnswer {

    /** The score of a category named with {@code Safety: Controversial}. */
    static final double CONTROVERSIAL_SCORE = 0.4;

    private static final Pattern SAFETY = Pattern.compile("safety\\s*:\\s*(safe|unsafe|controversial)\\.?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CATEGORIES = Pattern.compile("categories\\s*:(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFUSAL = Pattern.compile("refusal\\s*:\\s*(yes|no)\\.?", Pattern.CASE_INSENSITIVE);

    /** How unsafe the guard found the text. */
    enum Severity {
        SAFE,
        CONTROVERSIAL,
        UNSAFE
    }

    /** One answer: the severity, and the categories it named (none for {@link Severity#SAFE}). */
    record Judgement(Severity severity, Set<Qwen3GuardCategory> categories) {
        Judgement {
            categories = categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
        }
    }

    private Qwen3GuardAnswer() {}

    /** The verdict; empty when the text is not an answer. */
    static Optional<Judgement> parse(String answer) {
        List<String> lines = answer.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.size() < 2 || lines.size() > 3) {
            return Optional.empty();
        }
        Matcher safety = SAFETY.matcher(lines.get(0));
        Matcher categories = CATEGORIES.matcher(lines.get(1));
        if (!safety.matches() || !categories.matches()
                || (lines.size() == 3 && !REFUSAL.matcher(lines.get(2)).matches())) {
            return Optional.empty();
        }
        Severity severity = Severity.valueOf(safety.group(1).toUpperCase(Locale.ROOT));
        Optional<Set<Qwen3GuardCategory>> named = categories(categories.group(1));
        if (named.isEmpty() || named.get().isEmpty() != (severity == Severity.SAFE)) {
            return Optional.empty();
        }
        return Optional.of(new Judgement(severity, named.get()));
    }

    /** The categories of a categories line, empty for {@code None}; empty optional if one is unknown. */
    private static Optional<Set<Qwen3GuardCategory>> categories(String list) {
        String stripped = list.strip();
        if (stripped.equalsIgnoreCase("none") || stripped.equalsIgnoreCase("none.")) {
            return Optional.of(Set.of());
        }
        Set<Qwen3GuardCategory> named = EnumSet.noneOf(Qwen3GuardCategory.class);
        for (String title : stripped.split(",", -1)) {
            Optional<Qwen3GuardCategory> category = Qwen3GuardCategory.fromTitle(title);
            if (category.isEmpty()) {
                return Optional.empty();
            }
            named.add(category.get());
        }
        return Optional.of(named);
    }

    /**
     * The scores of {@code verdict}: 1.0 (unsafe) or {@value #CONTROVERSIAL_SCORE} (controversial)
     * for every OpenAI category its categories map to, each with the guard's names as its reason.
     */
    static Assessment assessment(Judgement verdict) {
        if (verdict.severity() == Severity.SAFE) {
            return Assessment.NONE;
        }
        double score = verdict.severity() == Severity.UNSAFE ? 1.0 : CONTROVERSIAL_SCORE;
        String level = verdict.severity().name().toLowerCase(Locale.ROOT);
        Map<Category, Double> scores = new EnumMap<>(Category.class);
        Map<Category, String> reasons = new EnumMap<>(Category.class);
        for (Qwen3GuardCategory named : Qwen3GuardCategory.values()) { // in prompt order, for stable reasons
            if (!verdict.categories().contains(named)) {
                continue;
            }
            String title = named.title().toLowerCase(Locale.ROOT);
            for (Category category : named.categories()) {
                scores.put(category, score);
                reasons.merge(category, "guard: Qwen3Guard " + level + ": " + title, (was, added) -> was + ", " + title);
            }
        }
        return scores.isEmpty() ? Assessment.NONE : new Assessment(CategoryScores.of(scores), reasons);
    }
}
