package dev.parley.core.testing;

import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.ReplyStream;
import org.jspecify.annotations.Nullable;

/**
 * A model whose every reply is the one word "ok", for tests about what surrounds a model (commands,
 * swaps) rather than what it says. Counts a token per character; one slot of 256 tokens.
 */
public final class OneWordModel implements ChatModel {

    @Override
    public ReplyStream stream(ChatRequest request) {
        return new ReplyStream() {
            private boolean said;

            @Override
            public @Nullable String next() {
                if (said) {
                    return null;
                }
                said = true;
                return "ok";
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public int countTokens(String text) {
        return text.length();
    }

    @Override
    public int contextSize() {
        return 256;
    }

    @Override
    public int parallelSlots() {
        return 1;
    }

    @Override
    public void close() {}
}
