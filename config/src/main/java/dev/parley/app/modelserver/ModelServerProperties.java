package dev.parley.app.modelserver;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.model-server.*}: where {@code parley model-server} listens and what it allows.
 * The model, its slots, reply length, temperature and seed are {@code parley.model.*}'s.
 *
 * @param address the interface to bind; loopback by default, {@code 0.0.0.0} for other hosts
 * @param port the TCP port, 0 for any free one
 * @param apiKey the bearer token clients must send ({@code PARLEY_MODEL_SERVER_API_KEY} in the
 *     environment), or unset for none; never logged
 * @param modelName the model's id in {@code /v1/models} and in responses
 * @param maxBodySize the largest request body accepted
 * @param queueTimeout how long a request waits for a free slot before it gets 503
 * @param maxWaiting how many requests may wait for a slot at once; more get 503 at once
 */
@ConfigurationProperties("parley.model-server")
public record ModelServerProperties(
        @DefaultValue("127.0.0.1") String address,
        @DefaultValue("8080") int port,
        @Nullable String apiKey,
        @DefaultValue("default") String modelName,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("30s") Duration queueTimeout,
        @DefaultValue("16") int maxWaiting) {

    public ModelServerProperties {
        // checked when bound, so that a bad setting stops start-up before the model loads
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("parley.model-server.port must be within [0, 65535], was " + port);
        }
        if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parley.model-server.max-body-size must be within [1KB, 2GB), was "
                    + maxBodySize);
        }
        if (queueTimeout.isNegative() || queueTimeout.toHours() > 1) {
            throw new IllegalArgumentException("parley.model-server.queue-timeout must be within [0, 1h], was "
                    + queueTimeout);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("parley.model-server.max-waiting must be at least 0, was " + maxWaiting);
        }
        if (apiKey != null && apiKey.isBlank()) {
            apiKey = null;
        }
        if (apiKey != null && apiKey.strip().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("parley.model-server.api-key must be printable ASCII without spaces");
        }
        apiKey = apiKey == null ? null : apiKey.strip();
    }

    @Override
    public String toString() {
        return "ModelServerProperties[address=" + address + ", port=" + port + ", apiKey="
                + (apiKey == null ? "unset" : "****") + ", modelName=" + modelName + ", maxBodySize=" + maxBodySize
                + ", queueTimeout=" + queueTimeout + ", maxWaiting=" + maxWaiting + "]";
    }
}
