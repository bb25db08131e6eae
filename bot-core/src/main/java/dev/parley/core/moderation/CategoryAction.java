package dev.parley.core.moderation;

/** What a policy does with a category whose score reaches its threshold. */
public enum CategoryAction {
    /** Ignore the category. */
    OFF,
    /** Report it in the result (and the audit log) but let the text pass. */
    FLAG,
    /** Stop the text. */
    BLOCK
}
