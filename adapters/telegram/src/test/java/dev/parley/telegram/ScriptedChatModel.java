package dev.parley.telegram;

import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for the model, at the adapter's level: it plays replies the test scripted, one per
 * request in order, either all at once or piece by piece as the test pushes them. Counts one token
 * per word. (The real llama.cpp runtime is shown end to end in the config module's tests.)
 */
final class ScriptedChatModel implements ChatModel {

    private final BlockingQueue<LiveReply> script = new LinkedBlockingQueue<>();
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    /** The next request is answered with {@code pieces}. */
    ScriptedChatModel replies(String... pieces) {
        LiveReply reply = new LiveReply();
        for (String piece : pieces) {
            reply.push(piece);
        }
        reply.end();
        script.add(reply);
        return this;
    }

    /** The next request streams what the test pushes into the returned reply, until it ends it. */
    LiveReply live() {
        LiveReply reply = new LiveReply();
        script.add(reply);
        return reply;
    }

    List<ChatRequest> requests() {
        return requests;
    }

    @Override
    public ReplyStream stream(ChatRequest request) {
        requests.add(request);
        LiveReply reply = script.poll();
        if (reply == null) {
            throw new ModelException("the test scripted no reply for request " + requests.size());
        }
        return reply;
    }

    @Override
    public int countTokens(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    @Override
    public int contextSize() {
        return 8192;
    }

    @Override
    public int parallelSlots() {
        return 1;
    }

    @Override
    public void close() {}

    /** One reply's pieces, pushed by the test. */
    static final class LiveReply implements ReplyStream {

        private final BlockingQueue<Optional<String>> pieces = new LinkedBlockingQueue<>();

        LiveReply push(String piece) {
            pieces.add(Optional.of(piece));
            return this;
        }

        void end() {
            pieces.add(Optional.empty());
        }

        @Override
        public @Nullable String next() {
            try {
                Optional<String> piece = pieces.poll(20, TimeUnit.SECONDS);
                if (piece == null) {
                    throw new ModelException("the test never ended the reply");
                }
                if (piece.isEmpty()) {
                    pieces.add(piece); // stays ended
                    return null;
                }
                return piece.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("interrupted", e);
            }
        }

        @Override
        public void close() {}
    }
}
