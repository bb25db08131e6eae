package dev.parley.core.moderation;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds requests for dangerous instructions, in English and Portuguese: how to make a weapon or
 * explosive ("how do I make a bomb", "como fazer uma bomba caseira"), ways to harm oneself ("best
 * way to kill myself", "como me matar sem dor") and how to make illicit goods ("how to cook meth").
 * A request is a {@link Role#REQUEST} followed within a few words by what is asked for; "how to
 * defuse a bomb" asks for no making and passes.
 */
final class DangerousInstructionsRule implements ModerationRule {

    /** The rule's name, and the start of its reasons (constants, so no reason is built per text). */
    private static final String NAME = "dangerous-instructions";

    private static final int WINDOW = 8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(ScannedText text, Direction direction) {
        if (!text.has(Role.REQUEST)) {
            return List.of();
        }
        double weapon = 0;
        double selfHarm = 0;
        double illicit = 0;
        for (int i = 0; i < text.hitCount(); i++) {
            Lexicon.Hit request = text.hit(i);
            if (!request.is(Role.REQUEST)) {
                continue;
            }
            int from = request.start();
            int to = request.end() + WINDOW;
            double negation = text.find(Role.NEGATION, from, to) != null ? LexiconRule.NEGATED : 1;
            Lexicon.Hit making = text.find(Role.MAKING, from, to);
            if (making != null) {
                Lexicon.Hit arms = text.find(Role.WEAPON, making.end(), making.end() + WINDOW);
                if (arms != null) {
                    weapon = Math.max(weapon, 0.95 * arms.entry().weight() * negation);
                }
                Lexicon.Hit goods = text.find(Role.ILLICIT_GOODS, making.end(), making.end() + WINDOW);
                if (goods != null) {
                    illicit = Math.max(illicit, 0.9 * goods.entry().weight() * negation);
                }
            }
            Lexicon.Hit method = text.find(Role.SELF_HARM_METHOD, from, to);
            if (method != null) {
                selfHarm = Math.max(selfHarm, 0.95 * method.entry().weight() * negation);
            }
        }
        List<Finding> findings = new ArrayList<>(4);
        if (weapon > 0) {
            findings.add(new Finding(Category.ILLICIT_VIOLENT, weapon, NAME + ": how to make a weapon or explosive"));
            findings.add(new Finding(Category.ILLICIT, weapon, NAME + ": how to make a weapon or explosive"));
        }
        if (selfHarm > 0) {
            findings.add(new Finding(Category.SELF_HARM_INSTRUCTIONS, selfHarm, NAME + ": a way to harm oneself"));
            findings.add(new Finding(Category.SELF_HARM, selfHarm, NAME + ": a way to harm oneself"));
        }
        if (illicit > 0) {
            findings.add(new Finding(Category.ILLICIT, illicit, NAME + ": how to make illicit goods"));
        }
        return findings;
    }
}
