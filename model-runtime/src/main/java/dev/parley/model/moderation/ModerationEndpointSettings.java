package dev.parley.model.moderation;

import dev.parley.model.openai.ApiEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach an OpenAI-compatible moderation endpoint. The API key is a secret:
 * {@link #toString()} masks it, and it only ever leaves the process as an
 * {@code Authorization: Bearer} header.
 *
 * @param baseUrl the server's root, such as {@code https://api.openai.com}; requests go to
 *     {@code {baseUrl}/v1/moderations} (a trailing {@code /} or {@code /v1} is dropped)
 * @param model the moderation model named in each request, e.g. {@code omni-moderation-latest}
 * @param apiKey the bearer token, or null when the server needs none
 * @param timeout the most one request may take, connecting and reading the answer included
 */
public record ModerationEndpointSettings(URI baseUrl, String model, @Nullable String apiKey, Duration timeout) {

    /** OpenAI's current moderation model. */
    public static final String DEFAULT_MODEL = "omni-moderation-latest";

    public ModerationEndpointSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        baseUrl = ApiEndpoint.root(baseUrl, "the moderation endpoint URL");
        if (model.isBlank()) {
            throw new IllegalArgumentException("the moderation model must not be blank");
        }
        ApiEndpoint.checkApiKey(apiKey, "the moderation API key");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMinutes() > 10) {
            throw new IllegalArgumentException("the moderation timeout must be positive and at most 10 minutes, was "
                    + timeout);
        }
    }

    /** Settings for {@code baseUrl} with the default model, no key and a five-second timeout. */
    public static ModerationEndpointSettings of(URI baseUrl) {
        return new ModerationEndpointSettings(baseUrl, DEFAULT_MODEL, null, Duration.ofSeconds(5));
    }

    public ModerationEndpointSettings withModel(String model) {
        return new ModerationEndpointSettings(baseUrl, model, apiKey, timeout);
    }

    public ModerationEndpointSettings withApiKey(@Nullable String apiKey) {
        return new ModerationEndpointSettings(baseUrl, model, apiKey, timeout);
    }

    public ModerationEndpointSettings withTimeout(Duration timeout) {
        return new ModerationEndpointSettings(baseUrl, model, apiKey, timeout);
    }

    /** {@code {baseUrl}/v1/moderations}. */
    URI moderationsUri() {
        return URI.create(baseUrl + "/v1/moderations");
    }

    @Override
    public String toString() {
        return "ModerationEndpointSettings[baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey == null ? "none" : "****") + ", timeout=" + timeout + "]";
    }
}
