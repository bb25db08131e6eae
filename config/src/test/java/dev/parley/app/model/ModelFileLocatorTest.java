package dev.parley.app.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.model.ModelException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileLocatorTest {

    private static final URI URL = URI.create("http://127.0.0.1:9/models/small-model.gguf");

    @TempDir
    Path dir;

    private final List<String> downloads = new ArrayList<>();

    private ModelFileLocator locator(@Nullable Path path, URI url) {
        var properties = new ModelProperties(path, 0, 2048, 1, 0, 256, 0.7f, 42, url, dir.resolve("models"),
                ModelProperties.Backend.LLAMA, Duration.ofMinutes(5), new ModelProperties.Lora(null, 1f),
                new ModelProperties.OpenAi(URI.create("http://127.0.0.1:8080"), "default", null), true);
        return new ModelFileLocator(properties, (source, target, sha256) -> downloads.add(source + " -> " + target + (sha256 == null ? "" : " " + sha256)));
    }

    @Test
    void aConfiguredPathIsUsedAsItIsWithoutDownloading() {
        Path configured = dir.resolve("mine.gguf");

        assertThat(locator(configured, URL).locate()).isEqualTo(configured);
        assertThat(downloads).isEmpty();
    }

    @Test
    void withoutAPathTheDefaultModelIsDownloadedIntoTheModelsDirectory() {
        Path located = locator(null, URL).locate();

        assertThat(located).isEqualTo(dir.resolve("models").resolve("small-model.gguf"));
        assertThat(downloads).containsExactly(URL + " -> " + located);
    }

    @Test
    void aDefaultModelAlreadyThereIsNotDownloadedAgain() throws Exception {
        Path present = Files.createDirectories(dir.resolve("models")).resolve("small-model.gguf");
        Files.writeString(present, "GGUF...");

        assertThat(locator(null, URL).locate()).isEqualTo(present);
        assertThat(downloads).isEmpty();
    }

    @Test
    void anotherModelIsDownloadedIntoTheModelsDirectoryWithItsChecksum() {
        URI guard = URI.create("http://127.0.0.1:9/guards/guard.gguf");
        String sha256 = "0".repeat(64);

        Path located = locator(null, URL).inModelsDir(guard, sha256, "parley.moderation.guard.download");

        assertThat(located).isEqualTo(dir.resolve("models").resolve("guard.gguf"));
        assertThat(downloads).containsExactly(guard + " -> " + located + " " + sha256);
    }

    @Test
    void theDefaultModelIsQwen3PinnedByRevisionAndCheckedAgainstItsSha256() {
        Path located = locator(null, ModelFileLocator.DEFAULT_URL).locate();

        assertThat(located).isEqualTo(dir.resolve("models").resolve("Qwen3-0.6B-Q8_0.gguf"));
        assertThat(downloads).containsExactly(ModelFileLocator.DEFAULT_URL + " -> " + located
                + " 9465e63a22add5354d9bb4b99e90117043c7124007664907259bd16d043bb031");
        assertThat(ModelFileLocator.DEFAULT_URL.getPath()).contains("/resolve/23749fefcc72300e3a2ad315e1317431b06b590a/");
    }

    @Test
    void theDefaultDownloadUrlPropertyIsThePinnedOne() {
        ModelProperties defaults = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource())
                .bindOrCreate("parley.model", ModelProperties.class);

        assertThat(defaults.downloadUrl()).isEqualTo(ModelFileLocator.DEFAULT_URL);
    }

    @Test
    void aDownloadUrlWithoutAFileNameIsRefusedClearly() {
        assertThatThrownBy(() -> locator(null, URI.create("http://127.0.0.1:9/")).locate())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("names no file");
    }
}
