package dev.parley.model.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach an OpenAI-compatible chat server. The API key is a secret: {@link #toString()}
 * masks it, and it only ever leaves the process as an {@code Authorization: Bearer} header.
 *
 * @param baseUrl the server's root, such as {@code http://127.0.0.1:8080}; requests go to
 *     {@code {baseUrl}/v1/chat/completions} (a trailing {@code /} or {@code /v1} is dropped)
 * @param model the model name sent with every request (llama-server ignores it; vLLM and Ollama
 *     pick the model by it)
 * @param apiKey the bearer token, or null when the server needs none
 * @param contextSize tokens of context per request (prompt plus reply) the server holds, 16 to
 *     1,048,576; the pipeline trims prompts to it
 * @param parallel how many replies the server generates at once (its slots), 1 to 1024
 * @param requestTimeout the most one reply may take, from sending the request to its last piece
 */
public record OpenAiSettings(
        URI baseUrl,
        String model,
        @Nullable String apiKey,
        int contextSize,
        int parallel,
        Duration requestTimeout) {

    public OpenAiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        baseUrl = ApiEndpoint.root(baseUrl, "baseUrl");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        ApiEndpoint.checkApiKey(apiKey, "apiKey");
        if (contextSize < 16 || contextSize > 1 << 20) {
            throw new IllegalArgumentException("contextSize must be within [16, 1048576], was " + contextSize);
        }
        if (parallel < 1 || parallel > 1024) {
            throw new IllegalArgumentException("parallel must be within [1, 1024], was " + parallel);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
    }

    /** Settings for {@code baseUrl} with no key, 4096 tokens, one slot and a two-minute timeout. */
    public static OpenAiSettings of(URI baseUrl, String model) {
        return new OpenAiSettings(baseUrl, model, null, 4096, 1, Duration.ofMinutes(2));
    }

    public OpenAiSettings withApiKey(@Nullable String apiKey) {
        return new OpenAiSettings(baseUrl, model, apiKey, contextSize, parallel, requestTimeout);
    }

    public OpenAiSettings withContextSize(int contextSize) {
        return new OpenAiSettings(baseUrl, model, apiKey, contextSize, parallel, requestTimeout);
    }

    public OpenAiSettings withParallel(int parallel) {
        return new OpenAiSettings(baseUrl, model, apiKey, contextSize, parallel, requestTimeout);
    }

    public OpenAiSettings withRequestTimeout(Duration requestTimeout) {
        return new OpenAiSettings(baseUrl, model, apiKey, contextSize, parallel, requestTimeout);
    }

    /** {@code {baseUrl}/path}, for a path such as {@code v1/chat/completions}. */
    URI resolve(String path) {
        return URI.create(baseUrl + "/" + path);
    }

    @Override
    public String toString() {
        return "OpenAiSettings[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "****")
                + ", contextSize=" + contextSize + ", parallel=" + parallel + ", requestTimeout=" + requestTimeout + "]";
    }
}
