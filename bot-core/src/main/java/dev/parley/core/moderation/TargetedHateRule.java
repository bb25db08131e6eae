package dev.parley.core.moderation;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds hate: a group defined by a protected attribute ({@link Role#IDENTITY}) with a derogation
 * said of it ("women are scum", "esses gays nojentos"), hatred expressed towards it ("I hate
 * Muslims", "odeio nordestinos"), or violence wished on it ("all immigrants should be shot"). A
 * group named alone, or praised, is never hate; a negation between the group and the derogation
 * ("women are not scum", "I don't hate women") makes it weak, while a group denied a good quality
 * ("women are not smart", "imigrantes não são gente", "no immigrant is welcome") is hate. An
 * insult said of a group ("they are all idiots", "esses gays são uns otários") derogates it. A
 * pronoun ("they", "eles") after a group is named stands for it ("I met some immigrants. They are
 * vermin").
 */
final class TargetedHateRule implements ModerationRule {

    /** The rule's name, and the start of its reasons (constants, so no reason is built per text). */
    private static final String NAME = "targeted-hate";

    private static final int AFTER = 8;
    private static final int BEFORE = 5;
    /** How far before a group an insult or a negation still reads as said of it. */
    private static final int CLOSE_BEFORE = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(ScannedText text, Direction direction) {
        double hate = 0;
        double threat = 0;
        boolean groupNamed = false;
        for (int g = 0; g < text.hitCount(); g++) {
            Lexicon.Hit group = text.hit(g);
            groupNamed |= group.is(Role.IDENTITY);
            if (!group.is(Role.IDENTITY) && !(groupNamed && group.is(Role.GROUP_PRONOUN))) {
                continue;
            }
            // only hits that end at most BEFORE words before the group or start at most AFTER after it count
            int end = text.firstHitFrom(group.end() + AFTER + 1);
            for (int o = text.firstHitFrom(group.start() - BEFORE - text.longestHit()); o < end; o++) {
                Lexicon.Hit other = text.hit(o);
                if (other == group) {
                    continue;
                }
                boolean after = other.start() >= group.end();
                boolean before = other.end() <= group.start() && other.end() >= group.start() - BEFORE;
                if (!after && !before) {
                    continue;
                }
                double negation = negated(text, group, other) ? LexiconRule.NEGATED : 1;
                if (other.is(Role.POSITIVE) && after && !partOfAGroup(text, other)) {
                    boolean denied = text.find(Role.NEGATION, group.end(), other.start()) != null
                            || text.find(Role.NEGATION, Math.max(0, group.start() - CLOSE_BEFORE), group.start()) != null;
                    hate = denied ? Math.max(hate, 0.75 * other.entry().weight()) : hate;
                } else if (other.entry().category() == Category.HARASSMENT
                        && (after || other.end() >= group.start() - CLOSE_BEFORE)) {
                    hate = Math.max(hate, Math.min(1, other.entry().weight() + 0.3) * negation);
                } else if (other.is(Role.DEROGATION)) {
                    hate = Math.max(hate, other.entry().weight() * negation);
                } else if (other.is(Role.HATRED) && before) {
                    hate = Math.max(hate, 0.9 * other.entry().weight() * negation);
                } else if (other.is(Role.VIOLENT_ACT) && wishedOrIntended(text, other)) {
                    threat = Math.max(threat, 0.9 * other.entry().weight() * negation);
                }
            }
        }
        List<Finding> findings = new ArrayList<>(2);
        if (threat > 0) {
            findings.add(new Finding(Category.HATE_THREATENING, threat, NAME + ": violence wished on a group"));
            hate = Math.max(hate, threat);
        }
        if (hate > 0) {
            findings.add(new Finding(Category.HATE, hate, NAME + ": a group derogated or hated"));
        }
        return findings;
    }

    /**
     * A negation anywhere between the two, or just before the earlier of them, that is not part of
     * either: "never trust" and "have no right to" carry their own negation and are not negated by it.
     */
    private static boolean negated(ScannedText text, Lexicon.Hit a, Lexicon.Hit b) {
        int end = text.firstHitFrom(Math.max(a.start(), b.start()));
        for (int i = text.firstHitFrom(Math.min(a.start(), b.start()) - 6); i < end; i++) {
            Lexicon.Hit hit = text.hit(i);
            if (hit.is(Role.NEGATION) && !inside(hit, a) && !inside(hit, b)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a quality's words also name a group ("people" in "trans people"): then they deny nothing. */
    private static boolean partOfAGroup(ScannedText text, Lexicon.Hit quality) {
        int end = text.firstHitFrom(quality.end());
        for (int i = text.firstHitFrom(quality.start() - text.longestHit()); i < end; i++) {
            Lexicon.Hit hit = text.hit(i);
            if (hit.is(Role.IDENTITY) && hit.start() < quality.end() && quality.start() < hit.end()) {
                return true;
            }
        }
        return false;
    }

    private static boolean inside(Lexicon.Hit hit, Lexicon.Hit span) {
        return hit.start() >= span.start() && hit.end() <= span.end();
    }

    static boolean wishedOrIntended(ScannedText text, Lexicon.Hit act) {
        int from = Math.max(0, act.start() - 6);
        return text.find(Role.WISH, from, act.start()) != null || text.find(Role.INTENTION, from, act.start()) != null;
    }
}
