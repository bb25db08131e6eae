package dev.parley.core.moderation;

import java.util.Objects;

/** What moderation decided about a text: let it through, or block it and say why. */
public sealed interface Verdict permits Verdict.Allow, Verdict.Block {

    /** The text may pass. */
    Verdict ALLOW = new Allow();

    /** Lets the text pass. */
    record Allow() implements Verdict {}

    /**
     * Stops the text.
     *
     * @param rule the name of the rule that decided
     * @param category the moderation category, in OpenAI's taxonomy where one fits
     * @param reason a short reason fit for the audit log; never the blocked text itself
     * @param scores the category scores that decided, so an audit of the block need not moderate
     *     the text a second time ({@linkplain CategoryScores#none() none} for a blocked term)
     */
    record Block(String rule, String category, String reason, CategoryScores scores) implements Verdict {
        public Block {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(scores, "scores");
        }

        /** A block decided without scores (a blocked term, a rule outside the tiers). */
        public Block(String rule, String category, String reason) {
            this(rule, category, reason, CategoryScores.none());
        }
    }

    default boolean blocked() {
        return this instanceof Block;
    }
}
