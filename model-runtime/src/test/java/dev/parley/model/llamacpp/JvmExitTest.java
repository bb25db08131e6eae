package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM whose {@code main} loads a model, generates and returns exits by itself: the binding
 * starts no non-daemon thread (the old binding's trigger 10 kept such a JVM alive for ever).
 */
class JvmExitTest {

    @Test
    void main_thatReturns_letsTheJvmExit(@TempDir Path files) throws Exception {
        Path model = TinyModelFiles.writeModel(files);
        Path output = files.resolve("output.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                        "-cp", System.getProperty("java.class.path"), GenerateAndReturn.class.getName(), model.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }

        assertThat(exited).as("the child JVM exited by itself").isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(Files.readString(output, StandardCharsets.UTF_8)).contains("generated 5 tokens");
    }

    /** The child's {@code main}: load, generate, close, return (no {@code System.exit}). */
    public static final class GenerateAndReturn {
        public static void main(String[] args) {
            try (LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(Path.of(args[0])).withContextSize(64));
                    Generation generation = model.generate(model.tokenize("hello", true, false), SamplerParameters.greedy(), 5)) {
                System.out.println("generated " + generation.remaining().length + " tokens");
            }
        }
    }
}
