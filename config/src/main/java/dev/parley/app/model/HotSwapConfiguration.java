package dev.parley.app.model;

import dev.parley.core.model.ChatModel;
import dev.parley.core.modelswap.HotSwap;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.core.modelswap.SwappableChatModel;
import dev.parley.model.llama.LlamaChatModel;
import dev.parley.model.llama.LlamaModelLoader;
import dev.parley.model.stats.ModelStats;
import java.nio.file.Path;
import java.time.InstantSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hot swap of the llama backend's model for {@code /model load}: candidates load with the serving
 * model's settings. Only the bot has it (the model server imports {@link ModelConfiguration} alone).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "parley.model", name = "backend", havingValue = "llama", matchIfMissing = true)
public class HotSwapConfiguration {

    @Bean
    ModelSwapMeters modelSwapMeters(ModelStats stats) {
        return new ModelSwapMeters((SwappingModelStats) stats);
    }

    @Bean
    HotSwap hotSwap(ChatModel model, ModelProperties properties, ModelSwapMeters events, InstantSource clock) {
        var swappable = (SwappableChatModel) model;
        var initial = (LlamaChatModel) swappable.serving();
        Path file = initial.header().file();
        var loader = new LlamaModelLoader(ModelConfiguration.llamaSettings(properties, file), clock);
        ModelSpec spec = new ModelSpec(file, properties.lora().path(), properties.lora().scale());
        return new HotSwap(swappable, loader.describe(initial, spec), loader, events, clock, properties.contextSize());
    }
}
