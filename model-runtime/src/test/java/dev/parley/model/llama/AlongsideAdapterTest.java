package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.modelswap.LoadedModel;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.testkit.gguf.TinyAdaptedModel;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A/B experiment's variant B across a hot swap, with the real llama.cpp runtime and generated
 * files (#19): the loader loads B's adapter beside a candidate it fits, and loads a candidate of
 * another shape without it, saying why, instead of failing the swap or dropping B silently.
 */
class AlongsideAdapterTest {

    @TempDir
    static Path dir;

    static Path base;
    static Path retrained;
    static Path otherShape;
    static Path variantB;

    @BeforeAll
    static void writeFiles() throws IOException {
        TinyAdaptedModel files = TinyAdaptedModel.writeTo(dir, "base.gguf", "tone-b.gguf");
        base = files.base();
        variantB = files.adapter();
        retrained = dir.resolve("retrained.gguf");
        TinyLlamaModel.builder().seed(2).build().writeTo(retrained); // the same shape, other weights
        otherShape = dir.resolve("other-shape.gguf");
        TinyLlamaModel.builder().embedding(128).build().writeTo(otherShape);
    }

    private static LlamaModelLoader loader() {
        return new LlamaModelLoader(new LlamaSettings(base, 2, 256, 1, 0), List.of(new LoraAdapter(variantB, 1f)));
    }

    @Test
    void load_aCandidateBsAdapterFits_loadsItAlongside() {
        LlamaModelLoader loader = loader();
        LoadedModel loaded = loader.load(ModelSpec.of(retrained));
        try {
            assertThat(loader.alongsideMissing(loaded.model())).isEmpty();
            assertThat(loader.settingsFor(ModelSpec.of(retrained), List.of(new LoraAdapter(variantB, 1f))).adapters())
                    .extracting(LoraAdapter::path).containsExactly(variantB);
        } finally {
            loaded.model().close();
        }
    }

    @Test
    void load_aCandidateOfAnotherShape_loadsWithoutBsAdapterAndSaysWhy() {
        LlamaModelLoader loader = loader();
        LoadedModel loaded = loader.load(ModelSpec.of(otherShape));
        try {
            assertThat(loaded.info().spec().model()).isEqualTo(otherShape);
            assertThat(loader.alongsideMissing(loaded.model())).hasValueSatisfying(reason ->
                    assertThat(reason).contains("tone-b.gguf").doesNotContain("\n"));
        } finally {
            loaded.model().close();
        }
    }
}
