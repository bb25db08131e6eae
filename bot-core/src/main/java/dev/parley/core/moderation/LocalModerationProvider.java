package dev.parley.core.moderation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local tier: weighted Portuguese and English lexicons and intent rules over the normalised
 * text, with no I/O. Runs in microseconds, so it runs first and on every text.
 *
 * <p>Hate and harassment in a text that quotes or counters them ("saying 'X are scum' is
 * hateful", "chamar alguém de X é racismo", a quoted slur with a comment around it) count for a
 * third.
 */
public final class LocalModerationProvider implements ModerationProvider {

    private static final Set<Category> COUNTERABLE = Set.of(
            Category.HATE, Category.HATE_THREATENING, Category.HARASSMENT, Category.HARASSMENT_THREATENING,
            Category.VIOLENCE);

    private final Lexicon lexicon;
    private final List<ModerationRule> rules;

    /** The local tier over {@code lexicon} with the given rules, run in order. */
    public LocalModerationProvider(Lexicon lexicon, List<ModerationRule> rules) {
        this.lexicon = lexicon;
        this.rules = List.copyOf(rules);
    }

    /** The local tier with Parley's lexicons and all its rules. */
    public static LocalModerationProvider standard(TextNormaliser normaliser) {
        return new LocalModerationProvider(Lexicon.standard(normaliser), standardRules());
    }

    /** Parley's local rules: lexicon scores, targeted hate, addressed abuse, dangerous instructions, minors. */
    public static List<ModerationRule> standardRules() {
        return List.of(new LexiconRule(), new TargetedHateRule(), new AddressedAbuseRule(),
                new DangerousInstructionsRule(), new MinorsSexualRule());
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Assessment assess(ModerationRequest request) {
        ScannedText text = lexicon.scan(request.normalised());
        if (text.hits().isEmpty()) {
            return Assessment.NONE;
        }
        double damping = text.has(Role.COUNTER_SPEECH) || text.quotesAbuseWithCommentary() ? LexiconRule.NEGATED : 1;
        Map<Category, Double> scores = new EnumMap<>(Category.class);
        Map<Category, String> reasons = new EnumMap<>(Category.class);
        for (ModerationRule rule : rules) {
            for (Finding finding : rule.check(text, request.direction())) {
                double score = finding.score() * (COUNTERABLE.contains(finding.category()) ? damping : 1);
                if (score > scores.getOrDefault(finding.category(), 0.0)) {
                    scores.put(finding.category(), score);
                    reasons.put(finding.category(), finding.reason() + (damping < 1 ? " (quoted or countered)" : ""));
                }
            }
        }
        return scores.isEmpty() ? Assessment.NONE : new Assessment(CategoryScores.of(scores), reasons);
    }

    /** The lexicon this tier reads with. */
    public Lexicon lexicon() {
        return lexicon;
    }
}
