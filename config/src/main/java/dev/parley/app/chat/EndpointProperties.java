package dev.parley.app.chat;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.moderation.endpoint.*}: an OpenAI-compatible moderation endpoint
 * ({@code POST {url}/v1/moderations}) asked after the local tier. Off unless {@code url} is set.
 *
 * @param url the server's root, e.g. {@code https://api.openai.com}, or unset for no endpoint
 * @param model the moderation model named in each request
 * @param apiKey the bearer token; normally left unset here and given as
 *     {@code PARLEY_MODERATION_API_KEY} in the environment. Never logged; masked in {@link #toString()}
 * @param timeout the most one request may take
 */
@ConfigurationProperties("parley.moderation.endpoint")
public record EndpointProperties(
        @Nullable URI url,
        @DefaultValue("omni-moderation-latest") String model,
        @Nullable String apiKey,
        @DefaultValue("5s") Duration timeout) {

    /** The environment variable the API key is read from when {@code api-key} is unset. */
    public static final String API_KEY_VARIABLE = "PARLEY_MODERATION_API_KEY";

    /** Whether an endpoint is configured. */
    public boolean enabled() {
        return url != null && !url.toString().isBlank();
    }

    @Override
    public String toString() {
        return "EndpointProperties[url=" + url + ", model=" + model + ", apiKey="
                + (apiKey == null || apiKey.isBlank() ? "unset" : "****") + ", timeout=" + timeout + "]";
    }
}
