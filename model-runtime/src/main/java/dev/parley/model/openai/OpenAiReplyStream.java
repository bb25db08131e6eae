package dev.parley.model.openai;

import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import dev.parley.model.stats.ReplyStatistics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One reply streamed by an {@link OpenAiChatModel}: the server-sent events of a chat completion,
 * read line by line. Each {@code data:} line holds a chunk whose
 * {@code choices[0].delta.content} is the next piece; {@code data: [DONE]} (or the end of the
 * body after a {@code finish_reason}) ends the reply.
 *
 * <p>{@link #close()} may come from any thread, also while {@link #next()} waits: it closes the
 * response body (not the reader, whose lock the waiting thread holds), which wakes that thread
 * and drops the connection.
 */
final class OpenAiReplyStream implements ReplyStream {

    private static final String DATA = "data:";
    private static final String DONE = "[DONE]";

    private final OpenAiChatModel model;
    private final InputStream body;
    private final ReplyStatistics.Reply record;
    private final BufferedReader reader;
    private final Duration timeout;
    private final ReentrantLock reading = new ReentrantLock();
    private final AtomicBoolean bodyClosed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean timedOut;
    private volatile @Nullable Future<?> deadline;
    private boolean finished; // guarded by reading
    private @Nullable String finishReason; // guarded by reading

    OpenAiReplyStream(OpenAiChatModel model, InputStream body, ReplyStatistics.Reply record, Duration timeout) {
        this.model = model;
        this.body = body;
        this.record = record;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    void deadline(Future<?> deadline) {
        this.deadline = deadline;
        if (released.get()) {
            deadline.cancel(false);
        }
    }

    @Override
    public @Nullable String next() {
        ensureNotClosed();
        reading.lock();
        try {
            while (!finished) {
                if (timedOut) {
                    throw fail(timeoutMessage());
                }
                String line = readLine();
                if (line == null) {
                    ensureNotClosed();
                    if (timedOut) {
                        throw fail(timeoutMessage());
                    }
                    if (finishReason != null) {
                        finish();
                        return null;
                    }
                    throw fail("the model server ended the stream before the reply was complete");
                }
                if (!line.startsWith(DATA)) {
                    continue; // blank separators, comments (":"), event and id fields
                }
                String data = line.substring(DATA.length()).strip();
                if (data.equals(DONE)) {
                    finish();
                    return null;
                }
                String piece = piece(data);
                if (!piece.isEmpty()) {
                    record.token();
                    return piece;
                }
            }
            return null;
        } finally {
            reading.unlock();
        }
    }

    /** The chunk's piece of text (empty when it has none) and its finish reason, if any. */
    private String piece(String data) {
        JsonNode chunk;
        try {
            chunk = model.json().readTree(data);
        } catch (JacksonException e) {
            throw fail("the model server sent a malformed event: " + OpenAiChatModel.oneLine(data));
        }
        JsonNode error = chunk.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            String message = error.isString() ? error.stringValue() : error.path("message").asString(error.toString());
            throw fail("the model server failed mid-reply: " + OpenAiChatModel.oneLine(message));
        }
        JsonNode choices = chunk.path("choices");
        if (!choices.isArray()) {
            throw fail("the model server sent an event without choices: " + OpenAiChatModel.oneLine(data));
        }
        if (choices.isEmpty()) {
            return ""; // a usage-only chunk
        }
        JsonNode choice = choices.get(0);
        JsonNode reason = choice.path("finish_reason");
        if (reason.isString()) {
            finishReason = reason.stringValue();
        }
        JsonNode content = choice.path("delta").path("content");
        return content.isString() ? content.stringValue() : "";
    }

    private @Nullable String readLine() {
        try {
            return reader.readLine();
        } catch (IOException e) {
            ensureNotClosed();
            if (timedOut) {
                throw fail(timeoutMessage());
            }
            throw fail("the connection to the model server broke mid-reply: "
                    + OpenAiChatModel.oneLine(String.valueOf(e.getMessage())));
        }
    }

    @Override
    public void close() {
        closed = true;
        release();
    }

    /** Called by the model's timer when the reply has taken longer than the request timeout. */
    void timeOut() {
        if (!released.get()) {
            timedOut = true;
            release();
        }
    }

    private void ensureNotClosed() {
        if (closed) {
            throw new IllegalStateException("the reply stream was closed");
        }
    }

    private String timeoutMessage() {
        return "the model server's reply timed out after " + timeout.toSeconds() + " s";
    }

    private ModelException fail(String message) {
        finish();
        return new ModelException(message);
    }

    /** Ends the reply: no more reads; the slot and connection are given back. */
    private void finish() {
        finished = true;
        release();
    }

    /** Closes the body, which drops the connection unless it was read to the end; idempotent. */
    private void release() {
        if (bodyClosed.compareAndSet(false, true)) {
            try {
                body.close();
            } catch (IOException e) {
                // the connection is gone either way
            }
        }
        Future<?> timer = deadline;
        if (timer != null) {
            timer.cancel(false);
        }
        if (released.compareAndSet(false, true)) {
            record.end();
            model.released(this);
        }
    }
}
