package dev.parley.app.model;

import dev.parley.core.experiment.Experiment;
import dev.parley.core.experiment.ExperimentFollowsSwap;
import dev.parley.core.model.ChatModel;
import dev.parley.core.modelswap.HotSwap;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.core.modelswap.SwappableChatModel;
import dev.parley.model.llama.LlamaChatModel;
import dev.parley.model.llama.LlamaModelLoader;
import dev.parley.model.llama.LoraAdapter;
import dev.parley.model.stats.ModelStats;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
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

    /**
     * The swap; where an A/B experiment runs, candidates load with variant B's adapter beside their
     * own, and the experiment follows each switch ({@link ExperimentFollowsSwap}): it runs on where
     * B's adapter loaded, and stops with the reason where it did not.
     */
    @Bean
    HotSwap hotSwap(ChatModel model, ModelProperties properties, ModelSwapMeters events, InstantSource clock,
            ExperimentProperties experimentProperties, Experiment experiment) {
        var swappable = (SwappableChatModel) model;
        var initial = (LlamaChatModel) swappable.serving();
        Path file = initial.header().file();
        Path variantB = experimentProperties.enabled() ? experimentProperties.variantB().loraPath() : null;
        var loader = new LlamaModelLoader(ModelConfiguration.llamaSettings(properties, file), variantB == null
                ? List.of() : List.of(new LoraAdapter(variantB, experimentProperties.variantB().scale())), clock);
        ModelSpec spec = new ModelSpec(file, properties.lora().path(), properties.lora().scale());
        return new HotSwap(swappable, loader.describe(initial, spec), loader,
                new ExperimentFollowsSwap(experiment, loader::alongsideMissing, events), clock, properties.contextSize());
    }
}
