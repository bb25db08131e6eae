package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.model.moderation.GuardFormat;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GuardPropertiesTest {

    private static GuardProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("parley.moderation.guard", GuardProperties.class);
    }

    /** The message of the validation failure behind a failed bind. */
    private static String refusal(Map<String, String> properties) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> bind(properties));
        assertThat(thrown).isInstanceOf(BindException.class);
        Throwable cause = thrown;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(IllegalArgumentException.class);
        return cause.getMessage();
    }

    @Test
    void unsetMeansNoGuardInLlamaGuard3sFormat() {
        GuardProperties guard = bind(Map.of());

        assertThat(guard.enabled()).isFalse();
        assertThat(guard.guardFormat()).isEqualTo(GuardFormat.LLAMA_GUARD_3);
        assertThat(guard.downloadSource()).isEmpty();
    }

    @Test
    void aPresetIsBoundToItsUrlAndFormatAndEnablesTheGuard() {
        GuardProperties guard = bind(Map.of("parley.moderation.guard.download", "llama-guard-3-1b"));

        assertThat(guard.enabled()).isTrue();
        assertThat(guard.guardFormat()).isEqualTo(GuardFormat.LLAMA_GUARD_3);
        assertThat(guard.downloadSource()).contains(new GuardProperties.Download(GuardPreset.LLAMA_GUARD_3_1B.url(), null));
        assertThat(GuardPreset.LLAMA_GUARD_3_1B.url().getPath()).endsWith("/Llama-Guard-3-1B.Q4_K_M.gguf");
    }

    @Test
    void aUrlWithAChecksumIsBoundWithTheChecksumInLowercase() {
        String sha256 = "AB".repeat(32);
        GuardProperties guard = bind(Map.of(
                "parley.moderation.guard.download", "https://models.example/guards/my-guard.gguf",
                "parley.moderation.guard.download-sha256", sha256));

        assertThat(guard.downloadSource()).contains(new GuardProperties.Download(
                URI.create("https://models.example/guards/my-guard.gguf"), "ab".repeat(32)));
    }

    @Test
    void theFormatIsBoundByItsConfigName() {
        GuardProperties guard = bind(Map.of("parley.moderation.guard.model-path", "/models/qwen3guard.gguf",
                "parley.moderation.guard.format", "qwen3guard"));

        assertThat(guard.guardFormat()).isEqualTo(GuardFormat.QWEN3GUARD_GEN);
        assertThat(guard.modelPath()).isEqualTo(Path.of("/models/qwen3guard.gguf"));
    }

    @Test
    void anUnknownFormatIsRefusedListingTheKnownOnes() {
        assertThat(refusal(Map.of("parley.moderation.guard.format", "llama-guard-4")))
                .isEqualTo("parley.moderation.guard.format must be one of [llama-guard-3, qwen3guard], was 'llama-guard-4'");
    }

    @Test
    void aDownloadThatIsNeitherPresetNorUrlIsRefusedListingThePresets() {
        assertThat(refusal(Map.of("parley.moderation.guard.download", "llama-guard-3-3b")))
                .startsWith("parley.moderation.guard.download must be one of [llama-guard-3-1b, llama-guard-3-8b]"
                        + " or an http(s) URL of a GGUF file, was 'llama-guard-3-3b'");
        assertThat(refusal(Map.of("parley.moderation.guard.download", "ftp://models.example/guard.gguf")))
                .contains("an http(s) URL of a GGUF file");
        assertThat(refusal(Map.of("parley.moderation.guard.download", "https://models.example/")))
                .contains("an http(s) URL of a GGUF file");
    }

    @Test
    void aPathAndADownloadTogetherAreRefused() {
        assertThat(refusal(Map.of("parley.moderation.guard.model-path", "/models/guard.gguf",
                "parley.moderation.guard.download", "llama-guard-3-8b")))
                .isEqualTo("set parley.moderation.guard.model-path or parley.moderation.guard.download, not both");
    }

    @Test
    void aMalformedChecksumOrOneWithoutADownloadIsRefused() {
        assertThat(refusal(Map.of("parley.moderation.guard.download", "llama-guard-3-1b",
                "parley.moderation.guard.download-sha256", "abc123")))
                .isEqualTo("parley.moderation.guard.download-sha256 must be 64 hex digits, was 'abc123'");
        assertThat(refusal(Map.of("parley.moderation.guard.model-path", "/models/guard.gguf",
                "parley.moderation.guard.download-sha256", "0".repeat(64))))
                .isEqualTo("parley.moderation.guard.download-sha256 is set but parley.moderation.guard.download is not");
    }

    @Test
    void aPresetOfTheOtherFormatIsRefused() {
        assertThat(refusal(Map.of("parley.moderation.guard.download", "llama-guard-3-1b",
                "parley.moderation.guard.format", "qwen3guard")))
                .isEqualTo("parley.moderation.guard.download llama-guard-3-1b is a Llama Guard 3 model,"
                        + " but parley.moderation.guard.format is qwen3guard");
    }

    @Test
    void aQwen3GuardModelCanBeDownloadedByUrl_sinceTheRuntimeLoadsQwen3() {
        GuardProperties guard = bind(Map.of("parley.moderation.guard.download",
                "https://models.example/Qwen3Guard-Gen-0.6B.gguf", "parley.moderation.guard.format", "qwen3guard"));

        assertThat(guard.guardFormat()).isEqualTo(GuardFormat.QWEN3GUARD_GEN);
        assertThat(guard.downloadSource()).contains(new GuardProperties.Download(
                URI.create("https://models.example/Qwen3Guard-Gen-0.6B.gguf"), null));
    }

    @Test
    void theExistingRangesAreStillChecked() {
        assertThat(refusal(Map.of("parley.moderation.guard.unsure-from", "0")))
                .isEqualTo("parley.moderation.guard.unsure-from must be in (0, 1], was 0.0");
        assertThatThrownBy(() -> bind(Map.of("parley.moderation.guard.context-size", "100"))).isInstanceOf(BindException.class);
    }
}
