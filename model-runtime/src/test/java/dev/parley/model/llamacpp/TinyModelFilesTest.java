package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.model.gguf.GgufHeader;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** The native tests' fixture writes files the GGUF reader accepts, and skips, writing nothing, without the native library. */
class TinyModelFilesTest {

    @TempDir
    Path files;

    @Test
    void write_givesTheTinyModelAndNoAdapter() throws IOException {
        TinyModelFiles written = TinyModelFiles.write(files, false, false);

        assertThat(written.model()).isEqualTo(files.resolve(TinyModelFiles.MODEL));
        assertThat(written.adapter()).isNull();
        assertThat(files.resolve(TinyModelFiles.ADAPTER)).doesNotExist();
        GgufHeader header = GgufHeader.read(written.model());
        assertThat(header.architecture()).isEqualTo("llama");
        assertThat(header.tokenCount()).isEqualTo(512);
    }

    @Test
    void write_withAdapter_givesAnAdapterTheReaderAcceptsForThatModel() throws IOException {
        TinyModelFiles written = TinyModelFiles.write(files, true, false);

        assertThat(written.adapter()).isEqualTo(files.resolve(TinyModelFiles.ADAPTER));
        GgufHeader adapter = GgufHeader.readLoraAdapter(written.adapter(), GgufHeader.read(written.model()));
        assertThat(adapter.metadata()).containsEntry("adapter.type", "lora");
    }

    @Test
    void write_nativeLibrarySkipped_abortsTheTestAndWritesNothing() {
        assertThatThrownBy(() -> TinyModelFiles.write(files, true, true))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("-Dparley.native.skip=true");
        assertThat(files).isEmptyDirectory();
    }
}
