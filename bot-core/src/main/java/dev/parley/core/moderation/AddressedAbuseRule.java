package dev.parley.core.moderation;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds abuse aimed at the person spoken to: an insult next to "you" ("you are an idiot", "seu
 * otário") counts more than the insult alone, and so does a slur ("seu viado"); violence intended
 * or wished on them ("I will kill you", "vou te matar", "I hope you die") is a threat. An insult
 * pointed at someone else ("what an idiot", "esse babaca", "burro do caralho") counts more too, a
 * little less than one aimed at the addressee.
 */
final class AddressedAbuseRule implements ModerationRule {

    /** The rule's name, and the start of its reasons (constants, so no reason is built per text). */
    private static final String NAME = "addressed-abuse";

    private static final int NEAR = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(ScannedText text, Direction direction) {
        boolean pointers = text.has(Role.POINTER);
        if (!text.has(Role.ADDRESSEE) && !pointers) {
            return List.of();
        }
        double insult = 0;
        double threat = 0;
        for (int i = 0; i < text.hitCount(); i++) {
            Lexicon.Hit hit = text.hit(i);
            boolean addressed = text.find(Role.ADDRESSEE, Math.max(0, hit.start() - NEAR), hit.end() + NEAR) != null;
            if (!addressed) {
                if (pointers && isInsult(text, hit) && pointed(text, hit)) {
                    double negation = text.negatedBefore(hit.start(), 3) ? LexiconRule.NEGATED : 1;
                    insult = Math.max(insult, Math.min(1, hit.entry().weight() + 0.1) * negation);
                }
                continue;
            }
            double negation = text.negatedBefore(hit.start(), 3) ? LexiconRule.NEGATED : 1;
            if (hit.entry().category() == Category.HARASSMENT
                    || (hit.entry().category() == Category.HATE && !LexiconRule.selfReferring(text, hit))) {
                insult = Math.max(insult, Math.min(1, hit.entry().weight() + 0.3) * negation);
            } else if (hit.is(Role.DEROGATION)) {
                insult = Math.max(insult, hit.entry().weight() * negation);
            } else if (hit.is(Role.VIOLENT_ACT) && TargetedHateRule.wishedOrIntended(text, hit)) {
                threat = Math.max(threat, 0.9 * hit.entry().weight() * negation);
            }
        }
        List<Finding> findings = new ArrayList<>(3);
        if (threat > 0) {
            findings.add(new Finding(Category.HARASSMENT_THREATENING, threat, NAME + ": violence aimed at the addressee"));
            findings.add(new Finding(Category.VIOLENCE, threat * 0.8, NAME + ": violence aimed at the addressee"));
        }
        if (Math.max(insult, threat) > 0) {
            findings.add(new Finding(Category.HARASSMENT, Math.max(insult, threat), NAME + ": insult to the addressee"));
        }
        return findings;
    }

    /** An insult or a slur, unless the speaker uses the slur of themselves. */
    private static boolean isInsult(ScannedText text, Lexicon.Hit hit) {
        Category category = hit.entry().category();
        return category == Category.HARASSMENT || (category == Category.HATE && !LexiconRule.selfReferring(text, hit));
    }

    /**
     * A pointer ending right before the insult, at most one word between, or a phrase of two words
     * or more starting right after it ("burro do caralho"): a single word after an insult is the
     * next clause more often than a pointer.
     */
    private static boolean pointed(ScannedText text, Lexicon.Hit insult) {
        int end = text.firstHitFrom(insult.end() + 1);
        for (int i = text.firstHitFrom(insult.start() - 1 - text.longestHit()); i < end; i++) {
            Lexicon.Hit hit = text.hit(i);
            if (hit.is(Role.POINTER)
                    && ((hit.end() <= insult.start() && hit.end() >= insult.start() - 1)
                            || (hit.start() == insult.end() && hit.entry().length() >= 2))) {
                return true;
            }
        }
        return false;
    }
}
