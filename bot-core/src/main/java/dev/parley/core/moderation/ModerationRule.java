package dev.parley.core.moderation;

/** One named check that moderation runs; rules run in order and the first block wins. */
public interface ModerationRule {

    /** A short, stable name for the audit log. */
    String name();

    /**
     * Judges a text.
     *
     * @param normalised the text as {@link TextNormaliser} made it
     */
    Verdict check(String normalised, Direction direction);
}
