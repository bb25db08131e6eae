package dev.parley.app.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.app.startup.StartupException;
import dev.parley.core.experiment.Arm;
import dev.parley.core.experiment.Experiment;
import dev.parley.core.experiment.Variant;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ExperimentConfigurationTest {

    private static ModelProperties model(ModelProperties.Backend backend, @Nullable Path lora) {
        return new ModelProperties(Path.of("m.gguf"), 0, 2048, 1, 0, 256, 0.7f, 42,
                URI.create("https://example.org/m.gguf"), Path.of("models"), backend,
                Duration.ofMinutes(5), new ModelProperties.Lora(lora, 0.8f),
                new ModelProperties.OpenAi(URI.create("http://127.0.0.1:8080"), "default", null), true);
    }

    private static ExperimentProperties experiment(boolean enabled, @Nullable Path b, double fraction) {
        return new ExperimentProperties(enabled, new ExperimentProperties.VariantB(b, 1.5f), fraction, "s");
    }

    @Test
    void of_enabled_variantsAreTheConfiguredAdaptersByName() {
        Experiment built = ExperimentConfiguration.of(experiment(true, Path.of("/a/tone-b.gguf"), 0.2),
                model(ModelProperties.Backend.LLAMA, Path.of("/a/tone.gguf")));

        assertThat(built.running()).isTrue();
        assertThat(built.arm(Variant.A)).isEqualTo(new Arm("tone", 0.8f));
        assertThat(built.arm(Variant.B)).isEqualTo(new Arm("tone-b", 1.5f));
    }

    @Test
    void of_disabled_isOff() {
        assertThat(ExperimentConfiguration.of(experiment(false, null, 0.5), model(ModelProperties.Backend.LLAMA, null))
                .running()).isFalse();
    }

    @Test
    void of_invalidSettings_stopStartUpWithOneLine() {
        var llama = model(ModelProperties.Backend.LLAMA, Path.of("tone.gguf"));
        assertThatThrownBy(() -> ExperimentConfiguration.of(experiment(true, null, 0.5), llama))
                .isInstanceOf(StartupException.class).hasMessage("invalid parley.model.experiment:"
                        + " parley.model.experiment.variant-b.lora-path is required when the experiment is enabled");
        assertThatThrownBy(() -> ExperimentConfiguration.of(experiment(true, Path.of("b.gguf"), 1.2), llama))
                .isInstanceOf(StartupException.class).hasMessage("invalid parley.model.experiment:"
                        + " parley.model.experiment.fraction must be within [0, 1], was 1.2");
        assertThatThrownBy(() -> ExperimentConfiguration.of(experiment(true, Path.of("x/tone.gguf"), 0.5), llama))
                .isInstanceOf(StartupException.class).hasMessageContaining("must differ from variant A's");
        assertThatThrownBy(() -> ExperimentConfiguration.of(experiment(true, Path.of("b.gguf"), 0.5),
                model(ModelProperties.Backend.OPENAI, null)))
                .isInstanceOf(StartupException.class).hasMessageContaining("needs parley.model.backend=llama");
    }
}
