package dev.parley.model.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible HTTP server for one {@link ChatModel}, so that several bot processes share
 * one loaded model (each with {@code parley.model.backend=openai}). It answers
 * {@code POST /v1/chat/completions} (streamed as server-sent {@code chat.completion.chunk} events
 * ending in {@code data: [DONE]}, or as one {@code chat.completion}), {@code GET /v1/models} and
 * {@code GET /health}; other paths get 404. Each request runs on a virtual thread of its own.
 *
 * <p>Requests: {@code messages} (roles system, developer, user, assistant; content a string or
 * text parts), {@code max_tokens} or {@code max_completion_tokens} (lowered to
 * {@link ModelServerSettings#maxTokens()}), {@code temperature} (0 to 2), {@code seed},
 * {@code stream}; other OpenAI fields are ignored except {@code n}, which must be 1. A malformed
 * body or field gets 400 with OpenAI's error body naming it, a body over the limit 413, a
 * {@code /v1} request without the configured bearer key (the scheme in any case) 401. An integer
 * too large for {@code max_tokens} or {@code n} gets 400 too; {@code usage.completion_tokens}
 * never exceeds {@code max_tokens}. A request the model refuses to start (a prompt and
 * {@code max_tokens} beyond its context) gets 400 with the model's reason.
 *
 * <p>Slots: at most {@link ChatModel#parallelSlots()} replies are generated at once. A request
 * that finds every slot busy waits up to {@link ModelServerSettings#queueTimeout()} in a fair
 * queue of at most {@link ModelServerSettings#maxWaiting()} requests; past either bound it gets
 * 503 with {@code Retry-After: 1} at once, so that a bot's own queue, which knows its users, does
 * the longer waiting. When a streaming client closes its connection the next write fails, the
 * reply is cancelled and its slot freed; a non-streamed request runs until its reply is complete.
 *
 * <p>The server never closes the model: its owner does, after {@link #close()}. Request and
 * reply text is never logged, nor the API key.
 */
public final class ModelServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelServer.class);
    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final String MODELS = "/v1/models";
    private static final String HEALTH = "/health";
    private static final int RETRY_AFTER_SECONDS = 1;
    private static final long STOP_WAIT_SECONDS = 10;

    private final ChatModel model;
    private final ModelServerSettings settings;
    private final InstantSource clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer http;
    private final ExecutorService handlers;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong repliesServed = new AtomicLong();
    private final AtomicLong requestsRefused = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final byte @Nullable [] key;
    private final long created;

    private ModelServer(ChatModel model, ModelServerSettings settings, InstantSource clock, HttpServer http) {
        this.model = model;
        this.settings = settings;
        this.clock = clock;
        this.http = http;
        this.slots = new Semaphore(model.parallelSlots(), true);
        String apiKey = settings.apiKey();
        this.key = apiKey == null ? null : apiKey.getBytes(StandardCharsets.US_ASCII);
        this.created = clock.instant().getEpochSecond();
        this.handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("parley-model-server-", 0).factory());
        http.setExecutor(handlers);
        http.createContext("/", this::handle);
    }

    /**
     * Starts serving {@code model} as {@code settings} say.
     *
     * @throws ModelException if the address cannot be bound (a port in use, say)
     */
    public static ModelServer start(ChatModel model, ModelServerSettings settings) {
        return start(model, settings, InstantSource.system());
    }

    /** Like {@link #start(ChatModel, ModelServerSettings)}, with the clock of the {@code created} fields. */
    public static ModelServer start(ChatModel model, ModelServerSettings settings, InstantSource clock) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(settings.address(), settings.port()), 0);
        } catch (IOException e) {
            throw new ModelException("the model server cannot listen on " + settings.address() + ":" + settings.port()
                    + ": " + e.getMessage() + "; set parley.model-server.port to another, or 0 for any free one", e);
        }
        ModelServer server = new ModelServer(model, settings, clock, http);
        http.start();
        log.info("serving model {} on http://{}:{}/v1 ({} slot(s), {})", settings.modelName(), settings.address(),
                server.port(), model.parallelSlots(), settings.apiKey() == null ? "no API key" : "API key required");
        return server;
    }

    /** The port the server listens on (the one chosen when the settings asked for 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Replies generated and sent in full since start, streamed or not. */
    public long repliesServed() {
        return repliesServed.get();
    }

    /** Requests answered 503 because every slot was busy and the queue full or too slow. */
    public long requestsRefused() {
        return requestsRefused.get();
    }

    /** Requests waiting for a slot now. */
    public int requestsWaiting() {
        return waiting.get();
    }

    /** Requests holding a slot now (generating, or starting to). */
    public int busySlots() {
        return model.parallelSlots() - slots.availablePermits();
    }

    /**
     * Stops listening, drops every connection (which cancels the replies in flight) and waits up
     * to ten seconds for the requests to end; idempotent. The model stays open.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        http.stop(0);
        handlers.shutdownNow();
        try {
            if (!handlers.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("some model server requests did not end within {} s", STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("the model server on port {} stopped", port());
    }

    private void handle(HttpExchange exchange) {
        try {
            route(exchange);
        } catch (ApiError e) {
            sendError(exchange, e);
        } catch (IOException e) {
            log.debug("a model server client went away: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("the model server failed to answer a request", e);
            sendError(exchange, new ApiError(500, "server_error", null, null,
                    "the server failed: " + CompletionRequest.oneLine(String.valueOf(e.getMessage()))));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case HEALTH -> {
                requireMethod(exchange, "GET");
                sendJson(exchange, 200, json.createObjectNode().put("status", "ok"));
            }
            case MODELS -> {
                requireMethod(exchange, "GET");
                requireKey(exchange);
                sendJson(exchange, 200, models());
            }
            case COMPLETIONS -> {
                requireMethod(exchange, "POST");
                requireKey(exchange);
                complete(exchange);
            }
            default -> throw new ApiError(404, "invalid_request_error", null, "unknown_url",
                    "no such endpoint; this server has POST " + COMPLETIONS + " and GET " + MODELS);
        }
    }

    private void complete(HttpExchange exchange) throws IOException {
        CompletionRequest request = CompletionRequest.parse(body(exchange), json, settings);
        acquireSlot();
        try {
            ReplyStream stream;
            try {
                stream = model.stream(request.chat());
            } catch (ModelException e) {
                throw ApiError.invalid("messages", CompletionRequest.oneLine(String.valueOf(e.getMessage())));
            } catch (IllegalStateException e) {
                throw new ApiError(503, "server_error", null, null, "the model is shutting down");
            }
            // closing the stream cancels the reply: on a broken connection, a failure, or the end
            try (stream) {
                if (request.stream()) {
                    streamReply(exchange, stream, request);
                } else {
                    sendReply(exchange, stream, request);
                }
            }
        } finally {
            slots.release();
        }
    }

    private void streamReply(HttpExchange exchange, ReplyStream stream, CompletionRequest request) throws IOException {
        String id = completionId();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        ObjectNode opening = chunk(id);
        opening.putArray("choices").addObject().put("index", 0).putNull("finish_reason")
                .putObject("delta").put("role", "assistant").put("content", "");
        event(out, json.writeValueAsString(opening));
        int pieces = 0;
        try {
            for (String piece = stream.next(); piece != null; piece = stream.next()) {
                pieces++;
                ObjectNode chunk = chunk(id);
                chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason")
                        .putObject("delta").put("content", piece);
                event(out, json.writeValueAsString(chunk));
            }
        } catch (ModelException e) {
            // the headers are out: OpenAI-compatible servers report a failure mid-stream as an event
            ObjectNode failure = json.createObjectNode();
            failure.putObject("error").put("message", CompletionRequest.oneLine(String.valueOf(e.getMessage())))
                    .put("type", "server_error");
            event(out, json.writeValueAsString(failure));
            out.close();
            return;
        }
        ObjectNode last = chunk(id);
        last.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason(pieces, request))
                .putObject("delta");
        event(out, json.writeValueAsString(last));
        event(out, "[DONE]");
        out.close();
        repliesServed.incrementAndGet();
    }

    private void sendReply(HttpExchange exchange, ReplyStream stream, CompletionRequest request) throws IOException {
        StringBuilder reply = new StringBuilder();
        int pieces = 0;
        try {
            for (String piece = stream.next(); piece != null; piece = stream.next()) {
                pieces++;
                reply.append(piece);
            }
        } catch (ModelException e) {
            throw new ApiError(500, "server_error", null, null,
                    "generation failed: " + CompletionRequest.oneLine(String.valueOf(e.getMessage())));
        }
        String content = reply.toString();
        ObjectNode body = json.createObjectNode()
                .put("id", completionId())
                .put("object", "chat.completion")
                .put("created", clock.instant().getEpochSecond())
                .put("model", settings.modelName());
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0)
                .put("finish_reason", finishReason(pieces, request));
        choice.putObject("message").put("role", "assistant").put("content", content);
        // prompt_tokens counts the messages' text, not the chat template's markers around it
        int promptTokens = request.chat().turns().stream().map(ChatTurn::text).mapToInt(model::countTokens).sum();
        // tokenizing the text again may split it differently from how it was generated, into more
        // tokens than the model was allowed to generate; it generated at most that many
        int completionTokens = Math.min(model.countTokens(content), request.chat().settings().maxNewTokens());
        body.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        sendJson(exchange, 200, body);
        repliesServed.incrementAndGet();
    }

    /** "length" when the reply used its whole allowance (a piece is about one token), else "stop". */
    private static String finishReason(int pieces, CompletionRequest request) {
        return pieces >= request.chat().settings().maxNewTokens() ? "length" : "stop";
    }

    private ObjectNode models() {
        ObjectNode list = json.createObjectNode().put("object", "list");
        list.putArray("data").addObject()
                .put("id", settings.modelName())
                .put("object", "model")
                .put("created", created)
                .put("owned_by", "parley");
        return list;
    }

    private ObjectNode chunk(String id) {
        return json.createObjectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", clock.instant().getEpochSecond())
                .put("model", settings.modelName());
    }

    private void acquireSlot() {
        try {
            // a timed tryAcquire keeps the semaphore's fairness: nobody jumps ahead of waiting requests
            if (slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return;
            }
            if (waiting.incrementAndGet() > settings.maxWaiting()) {
                waiting.decrementAndGet();
                throw busy();
            }
            try {
                if (!slots.tryAcquire(settings.queueTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                    throw busy();
                }
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "server_error", null, null, "the server is shutting down");
        }
    }

    private ApiError busy() {
        requestsRefused.incrementAndGet();
        return new ApiError(503, "server_error", null, "server_busy", "all " + model.parallelSlots()
                + " slot(s) of the model are busy; retry after " + RETRY_AFTER_SECONDS + " s");
    }

    private byte[] body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 18
                && Long.parseLong(length) > settings.maxBodyBytes()) {
            throw tooLarge();
        }
        byte[] body = exchange.getRequestBody().readNBytes(settings.maxBodyBytes() + 1);
        if (body.length > settings.maxBodyBytes()) {
            throw tooLarge();
        }
        return body;
    }

    private ApiError tooLarge() {
        return new ApiError(413, "invalid_request_error", null, "request_too_large",
                "the request body is larger than " + settings.maxBodyBytes() + " bytes");
    }

    private void requireKey(HttpExchange exchange) {
        if (key == null) {
            return;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        String credentials = given == null ? null : bearerCredentials(given);
        // constant-time, so that timing tells nothing about the key
        if (credentials == null || !MessageDigest.isEqual(key, credentials.getBytes(StandardCharsets.US_ASCII))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "invalid_request_error", null, "invalid_api_key",
                    given == null ? "an API key is required (Authorization: Bearer ...)" : "the API key is not valid");
        }
    }

    /** The credentials of a {@code Bearer} header, or null; the scheme's case does not matter (RFC 9110, 11.1). */
    static @Nullable String bearerCredentials(String authorization) {
        String scheme = "Bearer ";
        if (!authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return null;
        }
        return authorization.substring(scheme.length()).strip();
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            throw new ApiError(405, "invalid_request_error", null, "method_not_allowed",
                    "this endpoint takes " + method + " only");
        }
    }

    private void sendError(HttpExchange exchange, ApiError error) {
        if (exchange.getResponseCode() != -1) {
            return; // the reply was under way: dropping the connection is all that is left
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode detail = body.putObject("error").put("message", error.getMessage()).put("type", error.type());
        detail.put("param", error.param());
        detail.put("code", error.code());
        if (error.status() == 503) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        try {
            sendJson(exchange, error.status(), body);
        } catch (IOException e) {
            log.debug("could not send an error to a model server client: {}", e.getMessage());
        }
    }

    private void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String completionId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }
}
