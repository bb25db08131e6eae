package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.model.ModelException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaNativeLibraryTest {

    @Test
    void load_fromTheJar_isAvailableSilentlyAndLeavesNoPropertiesBehind() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LlamaNativeLibrary library;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            library = LlamaNativeLibrary.load(null);
        } finally {
            System.setOut(stdout);
        }

        assertThat(library.isAvailable()).as("%s", library).isTrue();
        assertThat(library.unavailabilityCause()).isNull();
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("Extracted");
        assertThat(System.getProperty("de.kherud.llama.lib.path")).isNull();
        assertThat(System.getProperty("de.kherud.llama.tmpdir")).isNull();
        library.ensureAvailable();
    }

    @Test
    void load_fromADirectoryWithoutTheLibrary_isUnavailableWithTheReason(@TempDir Path empty) {
        LlamaNativeLibrary library = LlamaNativeLibrary.load(empty);

        assertThat(library.isAvailable()).isFalse();
        assertThat(library.unavailabilityCause()).hasMessageContaining("no libjllama.so in " + empty);
        assertThatThrownBy(library::ensureAvailable)
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("could not be loaded from " + empty)
                .message().doesNotContain("\n");
    }
}
