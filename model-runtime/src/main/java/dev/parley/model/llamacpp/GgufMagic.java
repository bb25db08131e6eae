package dev.parley.model.llamacpp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * llama.cpp reports a wrong file only in its log: this short check, before a model or an adapter
 * is handed to it, names the usual mistakes (no such file, not a GGUF file) in the exception.
 */
final class GgufMagic {

    private static final byte[] MAGIC = {'G', 'G', 'U', 'F'};

    private GgufMagic() {}

    static void check(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new LlamaCppException("no readable model file at " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (!Arrays.equals(in.readNBytes(4), MAGIC)) {
                throw new LlamaCppException(file + " is not a GGUF file (no GGUF magic)");
            }
        } catch (IOException e) {
            throw new LlamaCppException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
