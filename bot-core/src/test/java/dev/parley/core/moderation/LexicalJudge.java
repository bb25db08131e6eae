package dev.parley.core.moderation;

import java.util.List;
import java.util.Set;

/** The lexical tier under the default policy, as the tests of what it lets through read it. */
final class LexicalJudge {

    private static final TextNormaliser NORMALISER = new TextNormaliser();
    private static final Moderator MODERATOR =
            new Moderator(NORMALISER, List.of(LocalModerationProvider.standard(NORMALISER)), 0);
    private static final ModerationPolicy DEFAULTS =
            ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out");

    private LexicalJudge() {
    }

    /** What the default policy concludes about {@code text} as a prompt. */
    static ModerationResult judge(String text) {
        return MODERATOR.evaluate(text, Direction.INPUT, DEFAULTS);
    }
}
