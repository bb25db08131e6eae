package dev.parley.model.serve;

import dev.parley.model.openai.ApiEndpoint;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link ModelServer} listens and what it allows. The API key is a secret:
 * {@link #toString()} masks it.
 *
 * @param address the interface to bind, such as {@code 127.0.0.1} (loopback) or {@code 0.0.0.0}
 * @param port the TCP port, or 0 for any free one
 * @param apiKey the bearer token every {@code /v1} request must carry, or null to allow anyone who
 *     can reach the port
 * @param modelName the model's id in {@code GET /v1/models} and in every response; a request's own
 *     {@code model} field is accepted whatever it names
 * @param maxTokens the most tokens one reply may have: a larger {@code max_tokens} is lowered to
 *     it, and a request without one gets it
 * @param temperature the temperature of a request that names none
 * @param seed the seed of a request that names none
 * @param maxBodyBytes the largest request body accepted; larger ones get HTTP 413
 * @param queueTimeout how long a request waits for a free slot before it gets HTTP 503; zero
 *     answers 503 at once when every slot is busy
 * @param maxWaiting how many requests may wait for a slot at once; further ones get HTTP 503 at once
 */
public record ModelServerSettings(
        String address,
        int port,
        @Nullable String apiKey,
        String modelName,
        int maxTokens,
        float temperature,
        long seed,
        int maxBodyBytes,
        Duration queueTimeout,
        int maxWaiting) {

    /** The body limit of {@link #of}: 1 MiB, far more than any context holds. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    public ModelServerSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        if (address.isBlank()) {
            throw new IllegalArgumentException("address must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within [0, 65535], was " + port);
        }
        ApiEndpoint.checkApiKey(apiKey, "apiKey");
        if (modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must not be blank");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        if (!(temperature >= 0f) || temperature > 2f) {
            throw new IllegalArgumentException("temperature must be within [0, 2], was " + temperature);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024, was " + maxBodyBytes);
        }
        if (queueTimeout.isNegative() || queueTimeout.toHours() > 1) {
            throw new IllegalArgumentException("queueTimeout must be within [0, 1 h], was " + queueTimeout);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must be at least 0, was " + maxWaiting);
        }
    }

    /**
     * Settings on {@code address:port} without a key: replies of up to 256 tokens, temperature
     * 0.7, seed 42, a 1 MiB body limit, and up to 16 requests waiting up to 30 s for a slot.
     */
    public static ModelServerSettings of(String address, int port, String modelName) {
        return new ModelServerSettings(address, port, null, modelName, 256, 0.7f, 42, DEFAULT_MAX_BODY_BYTES,
                Duration.ofSeconds(30), 16);
    }

    public ModelServerSettings withApiKey(@Nullable String apiKey) {
        return new ModelServerSettings(address, port, apiKey, modelName, maxTokens, temperature, seed, maxBodyBytes,
                queueTimeout, maxWaiting);
    }

    public ModelServerSettings withMaxTokens(int maxTokens) {
        return new ModelServerSettings(address, port, apiKey, modelName, maxTokens, temperature, seed, maxBodyBytes,
                queueTimeout, maxWaiting);
    }

    public ModelServerSettings withSampling(float temperature, long seed) {
        return new ModelServerSettings(address, port, apiKey, modelName, maxTokens, temperature, seed, maxBodyBytes,
                queueTimeout, maxWaiting);
    }

    public ModelServerSettings withMaxBodyBytes(int maxBodyBytes) {
        return new ModelServerSettings(address, port, apiKey, modelName, maxTokens, temperature, seed, maxBodyBytes,
                queueTimeout, maxWaiting);
    }

    public ModelServerSettings withQueue(Duration queueTimeout, int maxWaiting) {
        return new ModelServerSettings(address, port, apiKey, modelName, maxTokens, temperature, seed, maxBodyBytes,
                queueTimeout, maxWaiting);
    }

    @Override
    public String toString() {
        return "ModelServerSettings[address=" + address + ", port=" + port + ", apiKey="
                + (apiKey == null ? "none" : "****") + ", modelName=" + modelName + ", maxTokens=" + maxTokens
                + ", temperature=" + temperature + ", seed=" + seed + ", maxBodyBytes=" + maxBodyBytes
                + ", queueTimeout=" + queueTimeout + ", maxWaiting=" + maxWaiting + "]";
    }
}
