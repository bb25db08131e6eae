package dev.parley.model.moderation;

import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.ModerationProvider;
import dev.parley.core.moderation.ModerationRequest;
import dev.parley.core.moderation.ModerationUnavailableException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ModerationProvider} answered by an OpenAI-compatible moderation endpoint:
 * {@code POST {baseUrl}/v1/moderations} with {@code {"model": ..., "input": "..."}}, read from
 * {@code results[0].category_scores} (keys such as {@code "harassment/threatening"}, which are
 * Parley's own category names; keys Parley does not know are ignored). The endpoint's own
 * {@code flagged} and {@code categories} booleans only colour the audit reason: the policy's
 * thresholds decide.
 *
 * <p>It sends the text as written ({@link ModerationRequest#text()}). A timeout, a refused
 * connection, an HTTP error status (rate limits included) or an answer not in that shape throws
 * {@link ModerationUnavailableException} with a one-line reason that names neither the API key nor
 * the text (nor the server's error body, which may quote the text). Thread-safe.
 */
public final class OpenAiModerationProvider implements ModerationProvider, AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ModerationEndpointSettings settings;
    private final HttpClient client;
    private final JsonMapper json = JsonMapper.builder().build();

    /** A provider with an HTTP/1.1 client of its own. */
    public OpenAiModerationProvider(ModerationEndpointSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout().compareTo(CONNECT_TIMEOUT) < 0 ? settings.timeout() : CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code "endpoint"}. */
    @Override
    public String name() {
        return "endpoint";
    }

    /** The settings this provider was made with (the API key masked in their {@code toString}). */
    public ModerationEndpointSettings settings() {
        return settings;
    }

    @Override
    public Assessment assess(ModerationRequest request) {
        ObjectNode body = json.createObjectNode().put("model", settings.model()).put("input", request.text());
        HttpRequest.Builder http = HttpRequest.newBuilder(settings.moderationsUri())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        String key = settings.apiKey();
        if (key != null) {
            http.header("Authorization", "Bearer " + key);
        }
        HttpResponse<byte[]> response = send(http.build());
        int status = response.statusCode();
        if (status != 200) {
            throw unavailable(statusReason(status, response.headers().firstValue("Retry-After")), null);
        }
        return parse(response.body());
    }

    /** Closes the HTTP client; requests in flight fail. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        // the request timeout stops at the response headers: the whole exchange gets a deadline too
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return exchange.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw unavailable(timedOut(), e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for an answer", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw unavailable("could not connect (timed out)", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw unavailable(timedOut(), cause);
            }
            if (cause instanceof ConnectException) {
                throw unavailable("could not connect (" + (cause.getMessage() == null ? "connection refused"
                        : oneLine(cause.getMessage())) + ")", cause);
            }
            throw unavailable("the request failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : oneLine(cause.getMessage())), cause);
        }
    }

    private String timedOut() {
        return "no answer within " + settings.timeout().toMillis() + " ms (timed out)";
    }

    private static String statusReason(int status, Optional<String> retryAfter) {
        return switch (status) {
            case 401, 403 -> "the API key was refused (HTTP " + status + ")";
            case 404 -> "no such endpoint or model (HTTP 404)";
            case 429 -> "rate limited (HTTP 429" + retryAfter.map(OpenAiModerationProvider::retryAfter).orElse("") + ")";
            default -> status >= 500 ? "the server failed (HTTP " + status + ")"
                    : "the request was refused (HTTP " + status + ")";
        };
    }

    private static String retryAfter(String value) {
        String trimmed = value.strip();
        return !trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit) ? ", retry after " + trimmed + " s" : "";
    }

    /** Reads OpenAI's moderation answer onto Parley's categories. */
    private Assessment parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw unavailable("the answer is not JSON", e);
        }
        JsonNode results = root.path("results");
        if (!results.isArray() || results.isEmpty()) {
            throw unavailable("the answer has no \"results\"", null);
        }
        JsonNode result = results.get(0);
        JsonNode scores = result.path("category_scores");
        if (!scores.isObject()) {
            throw unavailable("the answer has no \"category_scores\" object", null);
        }
        JsonNode categories = result.path("categories");
        Map<Category, Double> values = new EnumMap<>(Category.class);
        Map<Category, String> reasons = new EnumMap<>(Category.class);
        for (Map.Entry<String, JsonNode> entry : scores.properties()) {
            Optional<Category> category = Category.fromApiName(entry.getKey());
            if (category.isEmpty()) {
                continue; // a category Parley does not know (newer models add some)
            }
            JsonNode value = entry.getValue();
            if (!value.isNumber()) {
                throw unavailable("the score of \"" + category.get().apiName() + "\" is not a number", null);
            }
            // float rounding may put a score a hair outside [0, 1]
            double score = Math.clamp(value.doubleValue(), 0.0, 1.0);
            values.put(category.get(), score);
            if (score > 0) {
                boolean flagged = categories.path(entry.getKey()).asBoolean(false);
                reasons.put(category.get(), "endpoint: " + settings.model() + (flagged ? " flagged it" : " scored it"));
            }
        }
        return new Assessment(CategoryScores.of(values), reasons);
    }

    private ModerationUnavailableException unavailable(String reason, @Nullable Throwable cause) {
        String message = "moderation endpoint " + settings.baseUrl() + ": " + reason;
        return cause == null ? new ModerationUnavailableException(message) : new ModerationUnavailableException(message, cause);
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
