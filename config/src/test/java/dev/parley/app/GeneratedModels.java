package dev.parley.app;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny random-weight models the application tests load, written to a temporary file each. */
final class GeneratedModels {

    private GeneratedModels() {}

    /** A newly written tiny model file, deleted when the JVM exits; its path as a property value. */
    static String tinyModel() {
        try {
            Path dir = Files.createTempDirectory("parley-it-model");
            Path model = dir.resolve("tiny.gguf");
            TinyLlamaModel.builder().build().writeTo(model);
            dir.toFile().deleteOnExit();
            model.toFile().deleteOnExit();
            return model.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
