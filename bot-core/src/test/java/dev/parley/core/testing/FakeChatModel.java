package dev.parley.core.testing;

import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.ReplyStream;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A model of one slot for tests about what surrounds a model (commands, swaps, a queue, a server,
 * an adapter) rather than what it says: each test gives its context size, how it counts tokens and
 * what it replies. Shared with other modules' tests through bot-core's test-jar.
 */
public final class FakeChatModel implements ChatModel {

    /** Counts a token per character. */
    public static final ToIntFunction<String> CHARACTERS = String::length;

    /** Counts a token per space-separated word. */
    public static final ToIntFunction<String> WORDS = text -> text.split(" ").length;

    private final int contextSize;
    private final ToIntFunction<String> tokens;
    private final Function<ChatRequest, ReplyStream> replies;

    /** @param replies the stream each request gets */
    public FakeChatModel(int contextSize, ToIntFunction<String> tokens, Function<ChatRequest, ReplyStream> replies) {
        this.contextSize = contextSize;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.replies = Objects.requireNonNull(replies, "replies");
    }

    /** A model whose every reply is the one word "ok": a token per character, 256 tokens of context. */
    public static FakeChatModel oneWord() {
        return new FakeChatModel(256, CHARACTERS, request -> saying(List.of("ok")));
    }

    /** A stream of {@code pieces} in order, then the end; closing it does nothing. */
    public static ReplyStream saying(List<String> pieces) {
        Iterator<String> left = List.copyOf(pieces).iterator();
        return new ReplyStream() {
            @Override
            public @Nullable String next() {
                return left.hasNext() ? left.next() : null;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public ReplyStream stream(ChatRequest request) {
        return replies.apply(request);
    }

    @Override
    public int countTokens(String text) {
        return tokens.applyAsInt(text);
    }

    @Override
    public int contextSize() {
        return contextSize;
    }

    @Override
    public int parallelSlots() {
        return 1;
    }

    @Override
    public void close() {}
}
