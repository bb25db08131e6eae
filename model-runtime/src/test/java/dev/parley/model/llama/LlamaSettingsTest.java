package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlamaSettingsTest {

    private final LlamaSettings settings = LlamaSettings.of(Path.of("model.gguf"));

    @Test
    void withers_changeOneSettingEach() {
        LlamaSettings parallel = settings.withContextSize(1024).withParallel(4);

        assertThat(parallel.contextSize()).isEqualTo(1024);
        assertThat(parallel.parallel()).isEqualTo(4);
        assertThat(settings.threads()).isBetween(1, 4);
    }

    @Test
    void rejectsNumbersLlamaCppsParserCouldRejectOrMisread() {
        assertThatThrownBy(() -> settings.withThreads(0)).hasMessageContaining("threads");
        assertThatThrownBy(() -> settings.withContextSize(-1)).hasMessageContaining("contextSize");
        assertThatThrownBy(() -> settings.withParallel(0)).hasMessageContaining("parallel");
        assertThatThrownBy(() -> settings.withGpuLayers(-1)).hasMessageContaining("gpuLayers");
    }

    @Test
    void fiveArgumentConstructor_keepsTheDefaults() {
        LlamaSettings plain = new LlamaSettings(Path.of("m.gguf"), 2, 512, 2, 0);

        assertThat(plain.generationTimeout()).isEqualTo(LlamaSettings.DEFAULT_GENERATION_TIMEOUT);
        assertThat(plain.adapters()).isEmpty();
        assertThat(plain.flashAttention()).isTrue();
    }

    @Test
    void flashAttention_isOnUnlessTurnedOff() {
        assertThat(settings.flashAttention()).isTrue();
        LlamaSettings off = settings.withFlashAttention(false).withParallel(4).withThreads(1);
        assertThat(off.flashAttention()).isFalse();
        assertThat(off.parallel()).isEqualTo(4);
    }

    @Test
    void rejectsTimeoutsThatAreNotPositiveOrLongerThanADay() {
        assertThatThrownBy(() -> settings.withGenerationTimeout(Duration.ZERO)).hasMessageContaining("generationTimeout");
        assertThatThrownBy(() -> settings.withGenerationTimeout(Duration.ofSeconds(-1))).hasMessageContaining("generationTimeout");
        assertThatThrownBy(() -> settings.withGenerationTimeout(Duration.ofDays(2))).hasMessageContaining("generationTimeout");
        assertThat(settings.withGenerationTimeout(Duration.ofSeconds(30)).generationTimeout()).hasSeconds(30);
    }
}
