package dev.parley.app.modelserver;

import dev.parley.app.model.ModelConfiguration;
import dev.parley.app.model.ModelProperties;
import dev.parley.app.platform.Serving;
import dev.parley.app.startup.StartupException;
import dev.parley.core.model.ChatModel;
import dev.parley.model.serve.ModelServer;
import dev.parley.model.serve.ModelServerSettings;
import java.time.InstantSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The application of {@code parley model-server}: the model of {@code parley.model.*} (the llama
 * backend) behind an OpenAI-compatible HTTP server, and nothing else (no platforms, database or
 * actuator). Deliberately not a {@code @Configuration}, so that the bot's component scan leaves
 * it out; the launcher starts it as its own application.
 */
@Import(ModelConfiguration.class)
@EnableConfigurationProperties({ModelProperties.class, ModelServerProperties.class})
public class ModelServerMode {

    private final ModelServerProperties server;

    /**
     * Takes the server's settings first: this class is the application's first bean, so a bad
     * {@code parley.model-server} setting stops start-up before the model loads.
     */
    public ModelServerMode(ModelServerProperties server) {
        this.server = server;
    }

    /** Starts listening once the model is loaded; closed before the model (it depends on it). */
    @Bean(destroyMethod = "close")
    ModelServer modelServer(ModelProperties model, ChatModel chatModel, InstantSource clock) {
        if (model.backend() != ModelProperties.Backend.LLAMA) {
            throw new StartupException("parley model-server serves a model of this process: set parley.model.backend="
                    + "llama (it is " + model.backend().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        ModelServerSettings settings;
        try {
            settings = new ModelServerSettings(server.address(), server.port(), server.apiKey(), server.modelName(),
                    model.maxNewTokens(), model.temperature(), model.seed(), (int) server.maxBodySize().toBytes(),
                    server.queueTimeout(), server.maxWaiting());
        } catch (IllegalArgumentException e) {
            // the settings' messages never quote the key
            throw new StartupException("invalid parley.model-server or parley.model setting: " + e.getMessage());
        }
        return ModelServer.start(chatModel, settings, clock);
    }

    /** The launcher waits here until SIGTERM or Ctrl-C closes the application. */
    @Bean
    Serving serving() {
        return new Serving(true);
    }
}
