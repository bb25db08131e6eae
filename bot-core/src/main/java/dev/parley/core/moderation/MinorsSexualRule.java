package dev.parley.core.moderation;

import java.util.List;

/**
 * Finds sexual content involving minors: a minor ("child", "criança", "12 year old") and a sexual
 * act or content ("nude", "sexo") within a few words of each other, in either order.
 */
final class MinorsSexualRule implements ModerationRule {

    private static final int NEAR = 6;

    @Override
    public String name() {
        return "minors-sexual";
    }

    @Override
    public List<Finding> check(ScannedText text, Direction direction) {
        if (!text.has(Role.MINOR) || !text.has(Role.SEXUAL_ACT)) {
            return List.of();
        }
        double score = 0;
        for (Lexicon.Hit minor : text.hits()) {
            if (!minor.is(Role.MINOR)) {
                continue;
            }
            Lexicon.Hit act = text.find(Role.SEXUAL_ACT, Math.max(0, minor.start() - NEAR), minor.end() + NEAR);
            if (act != null) {
                score = Math.max(score, 0.95 * Math.min(minor.entry().weight(), act.entry().weight()));
            }
        }
        return score == 0 ? List.of() : List.of(
                new Finding(Category.SEXUAL_MINORS, score, name() + ": a minor and sexual content"),
                new Finding(Category.SEXUAL, score, name() + ": a minor and sexual content"));
    }
}
