package dev.parley.core.dataset;

/** Which answers become supervised examples. */
public enum Selection {
    /** Answers with at least one 👍 and no 👎: the default, as only they were judged good by someone. */
    THUMBS_UP,
    /**
     * Answers without a 👎 that were not replaced by a regeneration, rated or not: more examples,
     * among them answers nobody read.
     */
    NO_THUMBS_DOWN
}
