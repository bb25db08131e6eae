package dev.parley.model.gguf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reads {@link GgufHeader#LLAMA_CPP_ARCHITECTURES} from its resource: one name a line, {@code #} comments. */
final class LlamaCppArchitectures {

    static final String RESOURCE = "llama-cpp-architectures.txt";

    private LlamaCppArchitectures() {
    }

    static Set<String> read() {
        InputStream in = LlamaCppArchitectures.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the list of architectures llama.cpp loads (dev/parley/model/gguf/" + RESOURCE
                    + ") is missing from the classpath: model-runtime's jar is incomplete, rebuild it");
        }
        Set<String> names = new LinkedHashSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dev/parley/model/gguf/" + RESOURCE, e);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("dev/parley/model/gguf/" + RESOURCE + " names no architecture");
        }
        return Set.copyOf(names);
    }
}
