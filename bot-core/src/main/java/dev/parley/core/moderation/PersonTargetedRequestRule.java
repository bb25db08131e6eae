package dev.parley.core.moderation;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds requests to harm a person or to find where one lives, in English and Portuguese, worded
 * without any weapon: "how do I gut a human", "best way to poison my husband", "find the home
 * address of the girl who rejected me", "como envenenar alguém".
 *
 * <p>Harming needs a request, a way of harming and a person after it, so "how do I kill a Python
 * process", "how to gut a fish" and "how to kill someone in minecraft" (play) pass. Finding needs
 * someone asking, where a person can be found, and a private person next to it, so "where does the
 * president live" and "my neighbour lives next door" pass.
 */
final class PersonTargetedRequestRule implements ModerationRule {

    /** The rule's name, and the start of its reasons (constants, so no reason is built per text). */
    private static final String NAME = "person-targeted-request";

    /** Words from the request to the way of harming, or to where a person is found. */
    private static final int WINDOW = 8;
    /** Words from the way of harming to the person harmed. */
    private static final int TARGET = 4;
    /** Words either side of where a person is found, for whom. */
    private static final int NEAR = 5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(ScannedText text, Direction direction) {
        boolean asks = text.has(Role.REQUEST) || text.has(Role.SEEKING);
        if (!asks || !(text.has(Role.PERSON) || text.has(Role.IDENTITY) || text.has(Role.MINOR))) {
            return List.of();
        }
        double harm = 0;
        double locate = 0;
        for (int i = 0; i < text.hitCount(); i++) {
            Lexicon.Hit request = text.hit(i);
            boolean instructions = request.is(Role.REQUEST);
            if (!instructions && !request.is(Role.SEEKING)) {
                continue;
            }
            int from = request.start();
            int to = request.end() + WINDOW;
            if (text.find(Role.PLAY, from, to + TARGET) != null) {
                continue; // harming in a game or a story is play
            }
            if (instructions) {
                Lexicon.Hit act = firstAct(text, from, to);
                if (act != null && target(text, act.end(), act.end() + TARGET) != null) {
                    harm = Math.max(harm, 0.9 * act.entry().weight() * negation(text, from, act.start()));
                }
            }
            Lexicon.Hit where = text.find(Role.LOCATING, from, to);
            // the person may be named inside the phrase ("where she lives") or next to it
            if (where != null && target(text, Math.max(from, where.start() - NEAR), where.end() + NEAR) != null) {
                locate = Math.max(locate, 0.75 * where.entry().weight() * negation(text, from, where.start()));
            }
        }
        List<Finding> findings = new ArrayList<>(4);
        if (harm > 0) {
            findings.add(new Finding(Category.ILLICIT_VIOLENT, harm, NAME + ": how to harm a person"));
            findings.add(new Finding(Category.VIOLENCE, harm, NAME + ": how to harm a person"));
        }
        if (locate > 0) {
            findings.add(new Finding(Category.HARASSMENT, locate, NAME + ": where to find a private person"));
            findings.add(new Finding(Category.ILLICIT, locate, NAME + ": where to find a private person"));
        }
        return findings;
    }

    /** "how not to hurt someone": a negation between the request and what it asks for. */
    private static double negation(ScannedText text, int from, int to) {
        return text.find(Role.NEGATION, from, to) != null ? LexiconRule.NEGATED : 1;
    }

    /** The first way of harming in words {@code [from, to)}: a harming word, a violent act or a weapon used. */
    private static Lexicon.@Nullable Hit firstAct(ScannedText text, int from, int to) {
        Lexicon.@Nullable Hit first = null;
        for (Role role : new Role[] {Role.HARMING, Role.VIOLENT_ACT, Role.WEAPON}) {
            Lexicon.Hit hit = text.find(role, from, to);
            if (hit != null && (first == null || hit.start() < first.start())) {
                first = hit;
            }
        }
        return first;
    }

    private static Lexicon.@Nullable Hit target(ScannedText text, int from, int to) {
        Lexicon.Hit person = text.find(Role.PERSON, from, to);
        if (person != null) {
            return person;
        }
        Lexicon.Hit group = text.find(Role.IDENTITY, from, to);
        return group != null ? group : text.find(Role.MINOR, from, to);
    }
}
