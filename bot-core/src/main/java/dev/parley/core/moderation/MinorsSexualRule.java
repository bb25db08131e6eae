package dev.parley.core.moderation;

import java.util.List;

/**
 * Finds sexual content involving minors: a minor ("child", "criança", "12 year old") and a sexual
 * act or content ("nude", "sexo") within a few words of each other, in either order.
 */
final class MinorsSexualRule implements ModerationRule {

    /** The rule's name, and the start of its reasons (constants, so no reason is built per text). */
    private static final String NAME = "minors-sexual";

    private static final int NEAR = 6;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(ScannedText text, Direction direction) {
        if (!text.has(Role.MINOR) || !text.has(Role.SEXUAL_ACT)) {
            return List.of();
        }
        double score = 0;
        for (int i = 0; i < text.hitCount(); i++) {
            Lexicon.Hit minor = text.hit(i);
            if (!minor.is(Role.MINOR)) {
                continue;
            }
            Lexicon.Hit act = text.find(Role.SEXUAL_ACT, Math.max(0, minor.start() - NEAR), minor.end() + NEAR);
            if (act != null) {
                score = Math.max(score, 0.95 * Math.min(minor.entry().weight(), act.entry().weight()));
            }
        }
        return score == 0 ? List.of() : List.of(
                new Finding(Category.SEXUAL_MINORS, score, NAME + ": a minor and sexual content"),
                new Finding(Category.SEXUAL, score, NAME + ": a minor and sexual content"));
    }
}
