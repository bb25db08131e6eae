package dev.parley.core.moderation;

/**
 * One tier of moderation: something that scores a text in every {@link Category}. Tiers run
 * cheapest first and their scores combine by taking the highest per category.
 */
public interface ModerationProvider {

    /** A short, stable name for the audit log, e.g. {@code "local"}. */
    String name();

    /**
     * Scores a text.
     *
     * @throws ModerationUnavailableException if the provider cannot answer (down, timed out); any
     *     other runtime exception is treated the same way, and the policy decides whether that
     *     lets the text through or blocks it
     */
    Assessment assess(ModerationRequest request);

    /**
     * Whether {@link #assess} reads {@link ModerationRequest#inReplyTo()}, the message a reply
     * answers: then a reply's assessment is cached per message it answers, not per reply text
     * alone. False unless a provider says otherwise.
     */
    default boolean readsPrompt() {
        return false;
    }
}
