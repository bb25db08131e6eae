package dev.parley.core.moderation;

/** What a policy does when a provider fails or times out. */
public enum FailureMode {
    /** Judge on what the other providers said; the text may pass. */
    FAIL_OPEN,
    /** Block the text, with the policy's unavailable notice. */
    FAIL_CLOSED
}
