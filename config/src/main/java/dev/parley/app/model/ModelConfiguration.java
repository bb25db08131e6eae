package dev.parley.app.model;

import dev.parley.app.clock.ClockConfiguration;
import dev.parley.app.startup.StartupException;
import dev.parley.core.model.ChatModel;
import dev.parley.core.modelswap.SwappableChatModel;
import dev.parley.model.download.ModelDownloader;
import dev.parley.model.llama.LlamaChatModel;
import dev.parley.model.llama.LlamaSettings;
import dev.parley.model.llama.LoraAdapter;
import dev.parley.model.openai.OpenAiChatModel;
import dev.parley.model.openai.OpenAiSettings;
import dev.parley.model.stats.ModelStats;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Loads the model: from {@code parley.model.path}, or the default model, downloaded if need be. Its
 * chat template reads the application's clock, which comes along for the model server's sake.
 */
@Configuration(proxyBeanMethods = false)
@Import(ClockConfiguration.class)
public class ModelConfiguration {

    /** Only the llama backend reads a model file. */
    @Bean
    ModelFileLocator modelFileLocator(ModelProperties properties) {
        var downloader = new ModelDownloader(ModelDownloader.defaultClient(), System.err);
        return new ModelFileLocator(properties, downloader::download);
    }

    @Bean(destroyMethod = "close")
    ChatModel chatModel(ModelProperties properties, ObjectProvider<ExperimentProperties> experiment,
            ModelFileLocator locator, InstantSource clock) {
        return switch (properties.backend()) {
            // swappable: /model load replaces it without a restart
            // the model server binds no experiment: it has no conversations to split
            case LLAMA -> new SwappableChatModel(llama(properties, experiment.getIfAvailable(), locator.locate(), clock));
            case OPENAI -> new OpenAiChatModel(openAiSettings(properties));
        };
    }

    private static OpenAiSettings openAiSettings(ModelProperties properties) {
        try {
            return new OpenAiSettings(properties.openai().baseUrl(), properties.openai().model(),
                    properties.openai().apiKey(), properties.contextSize(), properties.parallel(),
                    properties.generationTimeout());
        } catch (IllegalArgumentException e) {
            // the settings check the URL's shape (an http(s) URL with a host), which binding does not
            throw new StartupException("invalid parley.model.openai: " + e.getMessage());
        }
    }

    /** The model's live figures, for meters and health. */
    @Bean
    ModelStats modelStats(ChatModel model) {
        return switch (model) {
            case SwappableChatModel swappable when swappable.serving() instanceof LlamaChatModel llama ->
                    new SwappingModelStats(llama.stats());
            case LlamaChatModel llama -> llama.stats();
            case OpenAiChatModel openai -> openai.stats();
            default -> throw new IllegalStateException("no statistics for " + model.getClass().getName());
        };
    }

    @Bean
    ModelMeters modelMeters(ModelStats stats) {
        return new ModelMeters(stats);
    }

    private static LlamaChatModel llama(ModelProperties properties, @Nullable ExperimentProperties experiment,
            Path file, InstantSource clock) {
        LlamaSettings settings = llamaSettings(properties, file);
        if (experiment != null && experiment.enabled() && experiment.variantB().loraPath() != null) {
            // variant B's adapter is loaded beside A's; each request's scales pick the one that applies
            List<LoraAdapter> both = new ArrayList<>(settings.adapters());
            both.add(new LoraAdapter(experiment.variantB().loraPath(), experiment.variantB().scale()));
            settings = settings.withAdapters(both);
        }
        // checks the file (and the adapters) in Java before the native library is even loaded
        return LlamaChatModel.load(settings, clock);
    }

    /** The llama backend's settings for {@code file}: those of the loaded model and of hot-swap candidates. */
    static LlamaSettings llamaSettings(ModelProperties properties, Path file) {
        List<LoraAdapter> adapters = properties.lora().path() == null
                ? List.of()
                : List.of(new LoraAdapter(properties.lora().path(), properties.lora().scale()));
        return new LlamaSettings(file, properties.effectiveThreads(), properties.contextSize(),
                properties.parallel(), properties.gpuLayers(), properties.generationTimeout(), adapters,
                properties.flashAttention(), properties.cache().hostBytes().toBytes());
    }
}
