package dev.parley.core.conversation;

/** A message that does not fit in the model's context even with no history at all. */
public final class MessageTooLongException extends RuntimeException {

    private final int tokens;
    private final int budget;

    public MessageTooLongException(int tokens, int budget) {
        super("message takes " + tokens + " tokens; the model has room for " + budget);
        this.tokens = tokens;
        this.budget = budget;
    }

    public int tokens() {
        return tokens;
    }

    public int budget() {
        return budget;
    }
}
