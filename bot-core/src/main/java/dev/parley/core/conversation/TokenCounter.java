package dev.parley.core.conversation;

/** Counts tokens the way the model's own tokenizer does, so budgets are exact. */
@FunctionalInterface
public interface TokenCounter {

    /** The number of tokens {@code text} takes in a prompt. */
    int countTokens(String text);
}
