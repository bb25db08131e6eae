package dev.parley.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class ModelPropertiesTest {

    private static ModelProperties with(int threads, int parallel) {
        return new ModelProperties(Path.of("m.gguf"), threads, 2048, parallel, 0, 256, 0.7f, 42,
                URI.create("https://example.org/m.gguf"), Path.of("models"), ModelProperties.Backend.LLAMA,
                Duration.ofMinutes(5), new ModelProperties.Lora(null, 1f),
                new ModelProperties.OpenAi(URI.create("http://127.0.0.1:8080"), "default", null), true);
    }

    @Test
    void automaticThreads_areEveryCore_whateverTheSlots_sinceOneContextDecodesThemAll() {
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(with(0, 1).effectiveThreads()).isEqualTo(cores);
        assertThat(with(0, 2).effectiveThreads()).isEqualTo(cores);
        assertThat(with(0, cores * 4).effectiveThreads()).isEqualTo(cores);
    }

    @Test
    void configuredThreads_areTakenAsTheyAre() {
        assertThat(with(3, 4).effectiveThreads()).isEqualTo(3);
    }

    @Test
    void hostCacheBytes_default128MB_andZeroTurnsItOff() {
        ModelProperties defaults = bind(Map.of("parley.model.path", "m.gguf"));
        ModelProperties off = bind(Map.of("parley.model.cache.host-bytes", "0"));
        ModelProperties set = bind(Map.of("parley.model.cache.host-bytes", "1GB"));

        assertThat(defaults.cache().hostBytes()).isEqualTo(DataSize.ofMegabytes(128));
        assertThat(off.cache().hostBytes().toBytes()).isZero();
        assertThat(ModelConfiguration.llamaSettings(set, Path.of("m.gguf")).hostCacheBytes()).isEqualTo(1L << 30);
        assertThat(with(0, 1).cache().hostBytes()).isEqualTo(DataSize.ofMegabytes(128));
    }

    private static ModelProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("parley.model", ModelProperties.class);
    }
}
