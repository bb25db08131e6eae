package dev.parley.core.moderation;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores every category by the lexicon entries of that category found in the text. Several
 * entries of one category add up as independent evidence (1 - (1 - a)(1 - b)); an entry with a
 * negation just before it ("not", "não") counts for a third, and so does a slur the speaker uses of
 * themselves ("I'm a proud X", "we X", "us X", "eu sou X"): reclaimed use, not hate.
 */
final class LexiconRule implements ModerationRule {

    static final double NEGATED = 0.3;

    private static final Category[] CATEGORIES = Category.values();

    /** The reason for each category's score, by ordinal: built once, not per text. */
    private final String[] reasons = new String[CATEGORIES.length];

    LexiconRule() {
        for (Category category : CATEGORIES) {
            reasons[category.ordinal()] = name() + ": " + category.apiName() + " terms";
        }
    }

    @Override
    public String name() {
        return "lexicon";
    }

    @Override
    public List<Finding> check(ScannedText text, Direction direction) {
        double[] missing = null;
        for (int i = 0; i < text.hitCount(); i++) {
            Lexicon.Hit hit = text.hit(i);
            Category category = hit.entry().category();
            if (category == null) {
                continue;
            }
            boolean weakened = text.negatedBefore(hit.start(), 3)
                    || (category == Category.HATE && selfReferring(text, hit));
            double weight = hit.entry().weight() * (weakened ? NEGATED : 1);
            if (missing == null) {
                missing = new double[CATEGORIES.length];
                java.util.Arrays.fill(missing, 1);
            }
            missing[category.ordinal()] *= 1 - weight;
        }
        if (missing == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (Category category : CATEGORIES) {
            double score = 1 - missing[category.ordinal()];
            if (score > 0) {
                findings.add(new Finding(category, Math.min(1, score), reasons[category.ordinal()]));
            }
        }
        return findings;
    }

    /**
     * Whether the speaker counts themselves in right next to {@code slur}: a self-reference ending
     * at most one word before it ("I'm a X", "proud X") or starting right after it ("X like me").
     */
    static boolean selfReferring(ScannedText text, Lexicon.Hit slur) {
        int end = text.firstHitFrom(slur.end() + 1);
        for (int i = text.firstHitFrom(slur.start() - 1 - text.longestHit()); i < end; i++) {
            Lexicon.Hit hit = text.hit(i);
            if (hit.is(Role.SELF_REFERENCE)
                    && ((hit.end() <= slur.start() && hit.end() >= slur.start() - 1) || hit.start() == slur.end())) {
                return true;
            }
        }
        return false;
    }
}
