package dev.parley.model.openai;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import dev.parley.model.llama.SpecialTokenSanitizer;
import dev.parley.model.slots.ReplySlots;
import dev.parley.model.stats.ModelStats;
import dev.parley.model.stats.ReplyStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ChatModel} answered by an OpenAI-compatible HTTP server (llama-server, vLLM, Ollama):
 * {@code POST /v1/chat/completions} with {@code "stream": true}, read as server-sent events.
 * Thread-safe; {@link #parallelSlots()} is what the settings say the server holds, and requests
 * beyond it wait in the server's own queue.
 *
 * <p>Closing a {@link ReplyStream} closes the response body, which drops the connection, so the
 * server notices the next time it writes and stops generating. Every failure (an HTTP error
 * status, a rate limit, a malformed event, a refused connection, a timeout) is a
 * {@link ModelException} with a one-line message; the API key never appears in one.
 *
 * <p>{@link #countTokens} asks the server's {@code POST /tokenize} (llama-server has it) and,
 * once the server answers that it has no such endpoint (404, 405 or 501: vLLM, Ollama, OpenAI),
 * estimates one token per three characters from then on, which overestimates most text so that
 * budgets built on it still fit.
 *
 * <p>A request's {@link ChatRequest#adapterScales()} are ignored: such servers pick LoRA
 * adapters by model name (vLLM) or load them with fixed scales (llama-server's {@code --lora}).
 *
 * <p>Special-token text of the common chat formats ({@code <|im_end|>} and friends) is removed
 * from user and assistant turns, as servers tokenize rendered prompts with special tokens on.
 */
public final class OpenAiChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(OpenAiChatModel.class);
    private static final int MAX_ERROR_BODY_BYTES = 8192;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final double CHARACTERS_PER_TOKEN = 3.0;

    private final OpenAiSettings settings;
    private final HttpClient client;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SpecialTokenSanitizer sanitizer = new SpecialTokenSanitizer(List.of());
    private final ReplySlots<OpenAiReplyStream> replies = new ReplySlots<>("parley-openai-deadlines");
    private final ReplyStatistics stats;
    private volatile boolean serverTokenizes = true;

    /** A model that talks to the server of {@code settings} with an HTTP/1.1 client of its own. */
    public OpenAiChatModel(OpenAiSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(min(CONNECT_TIMEOUT, settings.requestTimeout()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.stats = new ReplyStatistics(System::nanoTime, () -> !replies.isClosed(), replies::busy, settings.parallel());
    }

    /** The settings this model was made with (the API key masked in their {@code toString}). */
    public OpenAiSettings settings() {
        return settings;
    }

    @Override
    public ReplyStream stream(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        ReplyStatistics.Reply record = stats.start();
        byte[] body = json.writeValueAsBytes(requestBody(request));
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        HttpResponse<InputStream> response = send(post("v1/chat/completions", body, "text/event-stream"),
                HttpResponse.BodyHandlers.ofInputStream(), "a reply");
        if (response.statusCode() != 200) {
            throw failure(response.statusCode(), response.headers(), errorBody(response.body()));
        }
        OpenAiReplyStream stream = new OpenAiReplyStream(this, response.body(), record, settings.requestTimeout());
        replies.add(stream);
        stream.deadline(replies.atDeadline(stream::timeOut, deadline - System.nanoTime()));
        if (replies.isClosed()) {
            stream.close(); // the model closed while the request was sent
            throw new IllegalStateException("the model at " + settings.baseUrl() + " was closed");
        }
        return stream;
    }

    /**
     * Counts with the server's tokenizer ({@code POST /tokenize}) when it has one; otherwise
     * estimates one token per three characters.
     *
     * @throws ModelException if the server cannot be reached or fails
     */
    @Override
    public int countTokens(String text) {
        Objects.requireNonNull(text, "text");
        ensureOpen();
        if (text.isEmpty()) {
            return 0;
        }
        if (serverTokenizes) {
            ObjectNode body = json.createObjectNode().put("content", text);
            HttpResponse<byte[]> response = send(post("tokenize", json.writeValueAsBytes(body), "application/json"),
                    HttpResponse.BodyHandlers.ofByteArray(), "a token count");
            int status = response.statusCode();
            if (status == 200) {
                JsonNode tokens = parse(response.body(), "token count").path("tokens");
                if (!tokens.isArray()) {
                    throw new ModelException("the model server's /tokenize answer has no \"tokens\" array");
                }
                return tokens.size();
            }
            if (status != 404 && status != 405 && status != 501) {
                throw failure(status, response.headers(), oneLine(new String(response.body(), StandardCharsets.UTF_8)));
            }
            log.info("{} has no /tokenize (HTTP {}); estimating token counts from now on", settings.baseUrl(), status);
            serverTokenizes = false;
        }
        return estimateTokens(text);
    }

    /** The estimate used when the server cannot count: one token per three characters, rounded up. */
    static int estimateTokens(String text) {
        return (int) Math.ceil(text.codePointCount(0, text.length()) / CHARACTERS_PER_TOKEN);
    }

    @Override
    public int contextSize() {
        return settings.contextSize();
    }

    @Override
    public int parallelSlots() {
        return settings.parallel();
    }

    @Override
    public int busySlots() {
        return replies.busy();
    }

    @Override
    public void whenSlotFrees(Runnable listener) {
        replies.whenSlotFrees(listener);
    }

    /**
     * A live, read-only view of this model's figures. Servers stream about one token per event,
     * so its token counts are the non-empty pieces received.
     */
    public ModelStats stats() {
        return stats;
    }

    /** Closes every open stream (dropping its connection) and the HTTP client; idempotent. */
    @Override
    public void close() {
        if (replies.close(OpenAiReplyStream::close)) {
            client.shutdownNow();
        }
    }

    JsonMapper json() {
        return json;
    }

    void released(OpenAiReplyStream stream) {
        replies.release(stream);
    }

    private ObjectNode requestBody(ChatRequest request) {
        GenerationSettings sampling = request.settings();
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatTurn turn : request.turns()) {
            String role = switch (turn.speaker()) {
                case SYSTEM -> "system";
                case USER -> "user";
                case ASSISTANT -> "assistant";
            };
            // system turns are the bot's own configuration; the others may carry what users typed
            String content = role.equals("system") ? turn.text() : sanitizer.sanitize(turn.text());
            messages.addObject().put("role", role).put("content", content);
        }
        body.put("stream", true);
        body.put("max_tokens", sampling.maxNewTokens());
        body.put("temperature", sampling.temperature());
        body.put("seed", sampling.seed());
        return body;
    }

    private HttpRequest post(String path, byte[] body, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.resolve(path))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String key = settings.apiKey();
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String what) {
        URI server = settings.baseUrl();
        long seconds = settings.requestTimeout().toSeconds();
        try {
            return client.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw new ModelException("could not connect to the model server at " + server + " (timed out)", e);
        } catch (HttpTimeoutException e) {
            throw new ModelException("the model server at " + server + " did not answer " + what + " within "
                    + seconds + " s (timed out)", e);
        } catch (ConnectException e) {
            throw new ModelException("could not connect to the model server at " + server + ": "
                    + (e.getMessage() == null ? "connection refused" : oneLine(e.getMessage())), e);
        } catch (IOException e) {
            throw new ModelException("the model server at " + server + " failed to answer " + what + ": "
                    + oneLine(String.valueOf(e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while waiting for the model server at " + server, e);
        }
    }

    /** The one-line error for an HTTP status other than 200. */
    private ModelException failure(int status, HttpHeaders headers, String detail) {
        String reason = switch (status) {
            case 401, 403 -> "the model server refused the API key (HTTP " + status + ")";
            case 404 -> "the model server has no such endpoint or model (HTTP 404)";
            case 429 -> "the model server is rate limiting (HTTP 429)"
                    + headers.firstValue("Retry-After").map(after -> ", retry after " + retryAfter(after)).orElse("");
            default -> status >= 500 ? "the model server failed (HTTP " + status + ")"
                    : "the model server refused the request (HTTP " + status + ")";
        };
        return new ModelException(detail.isEmpty() ? reason : reason + ": " + detail);
    }

    private static String retryAfter(String value) {
        String trimmed = value.strip();
        return trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty() ? trimmed + " s" : oneLine(trimmed);
    }

    /** The server's error message: {@code error.message} or {@code error} of a JSON body, else its text. */
    private String errorBody(InputStream body) {
        byte[] bytes;
        try (body) {
            bytes = body.readNBytes(MAX_ERROR_BODY_BYTES);
        } catch (IOException e) {
            return "";
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            JsonNode node = json.readTree(text);
            JsonNode error = node.path("error");
            if (error.isString()) {
                return oneLine(error.stringValue());
            }
            if (error.path("message").isString()) {
                return oneLine(error.path("message").stringValue());
            }
            if (node.path("message").isString()) {
                return oneLine(node.path("message").stringValue());
            }
        } catch (JacksonException notJson) {
            // a proxy's HTML page, say: show its text
        }
        return oneLine(text);
    }

    private JsonNode parse(byte[] body, String what) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new ModelException("the model server's " + what + " is not JSON: "
                    + oneLine(new String(body, StandardCharsets.UTF_8)), e);
        }
    }

    private void ensureOpen() {
        if (replies.isClosed()) {
            throw new IllegalStateException("the model at " + settings.baseUrl() + " was closed");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code text} on one line, at most 300 characters. */
    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
