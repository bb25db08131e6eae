package dev.parley.core.pipeline;

import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A chat model that plays replies the test scripted, one per request, in order, and records what
 * it was asked and how its streams were used. Counts one token per word.
 */
final class ScriptedChatModel implements ChatModel {

    private final int contextSize;
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Stream> streams = new CopyOnWriteArrayList<>();

    ScriptedChatModel(int contextSize) {
        this.contextSize = contextSize;
    }

    /** The next request is answered with {@code pieces}. */
    ScriptedChatModel replies(String... pieces) {
        script.add(new Reply(List.of(pieces), null, false, null, null));
        return this;
    }

    /** The next request streams {@code pieces}, then generation fails with {@code failure}. */
    ScriptedChatModel failsAfter(ModelException failure, String... pieces) {
        script.add(new Reply(List.of(pieces), failure, false, null, null));
        return this;
    }

    /** The next request cannot even start: {@code stream} throws {@code failure}. */
    ScriptedChatModel failsToStart(RuntimeException failure) {
        script.add(new Reply(List.of(), failure, true, null, null));
        return this;
    }

    /**
     * The next request counts {@code started} down when its first piece is asked for, then holds
     * its slot until {@code release} is counted down, then streams {@code pieces}.
     */
    ScriptedChatModel holdsUntil(CountDownLatch started, CountDownLatch release, String... pieces) {
        script.add(new Reply(List.of(pieces), null, false, started, release));
        return this;
    }

    /**
     * The next request streams {@code pieces}, then its {@code next()} blocks (counting
     * {@code blocked} down) until the stream is closed, as a model busy with a long reply does;
     * a close from another thread ends that {@code next()} with an {@link IllegalStateException}.
     */
    ScriptedChatModel blocksUntilClosed(CountDownLatch blocked, String... pieces) {
        script.add(new Reply(List.of(pieces), null, false, blocked, null));
        return this;
    }

    List<ChatRequest> requests() {
        return requests;
    }

    /** How many pieces each stream handed out, in the order the streams were opened. */
    List<Integer> piecesTaken() {
        return streams.stream().map(s -> s.next).toList();
    }

    boolean allStreamsClosed() {
        return streams.stream().allMatch(s -> s.closed);
    }

    @Override
    public ReplyStream stream(ChatRequest request) {
        requests.add(request);
        Reply reply = script.poll();
        if (reply == null) {
            throw new AssertionError("the test scripted no reply for request " + requests.size());
        }
        if (reply.failOnStart()) {
            throw reply.failure();
        }
        Stream stream = new Stream(reply);
        streams.add(stream);
        return stream;
    }

    @Override
    public int countTokens(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
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

    private record Reply(List<String> pieces, @Nullable RuntimeException failure, boolean failOnStart,
            @Nullable CountDownLatch started, @Nullable CountDownLatch release) {}

    private static final class Stream implements ReplyStream {

        private final Reply reply;
        private final List<String> pieces;
        private volatile int next;
        private volatile boolean closed;

        Stream(Reply reply) {
            this.reply = reply;
            this.pieces = new ArrayList<>(reply.pieces());
        }

        @Override
        public @Nullable String next() {
            if (closed) {
                throw new IllegalStateException("stream closed");
            }
            if (next == 0 && reply.started() != null && reply.release() != null) {
                reply.started().countDown();
                awaitRelease();
            }
            if (next < pieces.size()) {
                return pieces.get(next++);
            }
            if (reply.started() != null && reply.release() == null) {
                reply.started().countDown();
                awaitClose();
            }
            if (reply.failure() != null) {
                throw reply.failure();
            }
            return null;
        }

        private void awaitRelease() {
            try {
                if (!reply.release().await(10, TimeUnit.SECONDS)) {
                    throw new ModelException("the test never released the model");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("interrupted", e);
            }
        }

        private final CountDownLatch closing = new CountDownLatch(1);

        private void awaitClose() {
            try {
                if (closing.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("stream closed");
                }
                throw new ModelException("nobody closed the stream");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("interrupted", e);
            }
        }

        @Override
        public void close() {
            closed = true;
            closing.countDown();
        }
    }
}
