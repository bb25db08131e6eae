package dev.parley.model.llamacpp;

/** Why a {@link Generation} produced no more tokens. */
public enum StopReason {
    /** The model produced an end-of-generation token (not returned). */
    END_OF_GENERATION,
    /** The requested number of tokens was produced. */
    TOKEN_LIMIT,
    /** The context had no room for another token. */
    CONTEXT_FULL,
    /** {@link Generation#cancel()} or the model's close stopped it. */
    CANCELLED
}
